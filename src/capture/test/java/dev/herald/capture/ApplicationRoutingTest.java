package dev.herald.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ApplicationRoutingTest {
    @WebhookObject(service = "can", name = "candidate")
    static class Candidate {
    }

    static class Interview {
    }

    @Test
    void theTypesApplicationWinsThenTheTenantThenTheDefault() {
        assertEquals("hr", ApplicationRouting.choose("hr", "acme", "all"));
        assertEquals("acme", ApplicationRouting.choose(null, "acme", "all"));
        assertEquals("all", ApplicationRouting.choose(" ", null, "all"));
        assertNull(ApplicationRouting.choose(null, "", null), "nobody to send to");
    }

    @Test
    void typesAreNamedAsTalviewNamesThemOrByTheEntitysName() {
        assertEquals("can.candidate", ApplicationRouting.typeName(Candidate.class));
        assertEquals("Interview", ApplicationRouting.typeName(Interview.class));
    }
}
