package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.WebhookObject;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;

/** {@code pay.transaction}: a payment, with its order chain (items, SKUs, coupons) embedded. */
@Entity
@Table(name = "hiring_payment")
@EntityListeners(CaptureListener.class)
@WebhookObject(service = "pay", name = "transaction")
public class PaymentTransaction extends TenantRecord implements WebhookRoot {
    private String status;
    private long amountMinor;
    private String currency;

    /** The order as a JSON object: items with SKUs, applied coupons. */
    @Column(length = 300_000)
    private String orderJson;

    protected PaymentTransaction() {
    }

    public PaymentTransaction(String tenantId, long amountMinor, String currency, String orderJson) {
        super("pay", tenantId);
        this.status = "pending";
        this.amountMinor = amountMinor;
        this.currency = currency;
        this.orderJson = orderJson;
    }

    public void setStatus(String status) {
        this.status = status;
        touch();
    }

    @Override
    public JsonObject webhookSnapshot() {
        return baseSnapshot().add("status", Snapshot.text(status)).add("amount", amountMinor)
                .add("currency", Snapshot.text(currency)).add("order", Snapshot.json(orderJson)).build();
    }
}
