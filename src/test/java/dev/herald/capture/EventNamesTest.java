package dev.herald.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventNamesTest {
    @WebhookObject(service = "frm", name = "form_instance", versioned = true)
    static class Form {
    }

    static class SubForm extends Form {
    }

    @Test
    void talviewNamesTheEventTypeWithUnderscoresAndTheSubscriptionKeyWithDots() {
        assertEquals("frm_form_instance_updated", EventNames.eventType(Form.class, Operation.UPDATED));
        assertEquals("frm.form_instance.created", EventNames.subscriptionKey(SubForm.class, Operation.CREATED));
        assertEquals("frm.form_instance", EventNames.rootType(Form.class));
    }

    @Test
    void eitherSpellingNamesTheSameEventEvenWithUnderscoresInTheObjectName() {
        org.junit.jupiter.api.Assertions.assertTrue(EventNames.sameEvent("can.candidate.created", "can_candidate_created"));
        org.junit.jupiter.api.Assertions.assertTrue(EventNames.sameEvent("ae.test_instance.updated", "ae_test_instance_updated"));
        org.junit.jupiter.api.Assertions.assertTrue(EventNames.sameEvent("interview.completed", "interview.completed"));
        org.junit.jupiter.api.Assertions.assertFalse(EventNames.sameEvent("ae.test_instance.created", "ae_test_instance_updated"));
    }

    @Test
    void aClassWithoutTheAnnotationHasNoDefaultName() {
        assertThrows(IllegalArgumentException.class, () -> EventNames.eventType(String.class, Operation.CREATED));
    }
}
