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
    void eitherSpellingNamesTheOther() {
        assertEquals("can_candidate_created", EventNames.otherSpelling("can.candidate.created"));
        assertEquals("can.candidate.created", EventNames.otherSpelling("can_candidate_created"));
    }

    @Test
    void aClassWithoutTheAnnotationHasNoDefaultName() {
        assertThrows(IllegalArgumentException.class, () -> EventNames.eventType(String.class, Operation.CREATED));
    }
}
