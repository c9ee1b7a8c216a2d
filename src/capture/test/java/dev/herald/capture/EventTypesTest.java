package dev.herald.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventTypesTest {
    @WebhookObject(service = "frm", name = "form_instance", versioned = true)
    static class Form {
    }

    static class SubForm extends Form {
    }

    @Test
    void talviewNamesTheEventTypeWithUnderscoresAndTheSubscriptionKeyWithDots() {
        assertEquals("frm_form_instance_updated", EventTypes.eventType(Form.class, Operation.UPDATED));
        assertEquals("frm.form_instance.created", EventTypes.subscriptionKey(SubForm.class, Operation.CREATED));
        assertEquals("frm.form_instance", EventTypes.rootType(Form.class));
    }

    @Test
    void aClassWithoutTheAnnotationHasNoDefaultName() {
        assertThrows(IllegalArgumentException.class, () -> EventTypes.eventType(String.class, Operation.CREATED));
    }
}
