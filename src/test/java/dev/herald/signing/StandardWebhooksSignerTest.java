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

    /**
     * A thread signs with one Mac for every secret (HmacSha256): a rotation's header signs with
     * two keys in turn, and neither signature may carry anything of the other's key or body.
     */
    @Test
    void aRotationHeaderSignsEachSecretAsIfAlone() {
        String old = WebhookSecret.generate();
        String current = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"test\": 2432232314}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String header = StandardWebhooksSigner.header(java.util.List.of(current, old), "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, body);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= "
                + StandardWebhooksSigner.sign(old, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"),
                header);
        // and after both, the published vector again: nothing of the last key is left in the Mac
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardWebhooksSigner.sign(current,
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"));
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
