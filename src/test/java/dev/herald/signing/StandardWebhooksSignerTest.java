package dev.herald.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardWebhooksSignerTest {

    /** The example vector published with the Standard Webhooks specification. */
    @Test
    void signsTheSpecificationsExampleVector() {
        String signature = StandardWebhooksSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String base = StandardWebhooksSigner.sign(secret, "msg_1", 1000, "{}");
        assertNotEquals(base, StandardWebhooksSigner.sign(secret, "msg_2", 1000, "{}"));
        assertNotEquals(base, StandardWebhooksSigner.sign(secret, "msg_1", 1001, "{}"));
        assertNotEquals(base, StandardWebhooksSigner.sign(secret, "msg_1", 1000, "{ }"));
    }

    @Test
    void generatedSecretsAreValidAndDistinct() {
        String a = WebhookSecret.generate();
        String b = WebhookSecret.generate();
        assertTrue(a.startsWith("whsec_"));
        assertNotEquals(a, b);
        assertNull(WebhookSecret.problemWith(a));
        assertEquals(24, WebhookSecret.key(a).length);
    }

    @Test
    void callerChosenSecretsAreChecked() {
        assertNotNull(WebhookSecret.problemWith("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertNotNull(WebhookSecret.problemWith("whsec_not*base64!"));
        assertNotNull(WebhookSecret.problemWith("whsec_c2hvcnQ="));
        assertNull(WebhookSecret.problemWith("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }
}
