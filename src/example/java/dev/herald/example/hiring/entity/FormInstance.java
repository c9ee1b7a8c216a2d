package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.WebhookObject;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;

/**
 * {@code frm.form_instance}: a filled-in form. It has no history table, so it is a versioned
 * snapshot object: its {@code updated} payloads carry {@code {"old", "new"}}.
 */
@Entity
@Table(name = "hiring_form_instance")
@EntityListeners(CaptureListener.class)
@WebhookObject(service = "frm", name = "form_instance", versioned = true)
public class FormInstance extends TenantRecord implements WebhookRoot {
    private String formId;
    private String status;

    /** The answers as a JSON object. */
    @Column(length = 300_000)
    private String answers;

    protected FormInstance() {
    }

    public FormInstance(String tenantId, String formId, String answers) {
        super("fi", tenantId);
        this.formId = formId;
        this.status = "submitted";
        this.answers = answers;
    }

    public void change(String status, String answers) {
        if (status != null) {
            this.status = status;
        }
        if (answers != null) {
            this.answers = answers;
        }
        touch();
    }

    @Override
    public JsonObject webhookSnapshot() {
        return baseSnapshot().add("form_id", Snapshot.text(formId)).add("status", Snapshot.text(status))
                .add("answers", Snapshot.json(answers)).add("version", version).build();
    }
}
