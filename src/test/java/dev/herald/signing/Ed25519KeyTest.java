package dev.herald.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Ed25519KeyTest {

    @Test
    void aGeneratedKeyHoldsSeedAndPublicKeyAndShowsOnlyThePublicHalf() {
        String key = Ed25519Key.generate();
        assertTrue(key.startsWith("whsk_"));
        assertEquals(64, Base64.getDecoder().decode(key.substring(5)).length);
        assertNull(Ed25519Key.problemWith(key));
        String shown = WebhookSecret.shown(key);
        assertTrue(shown.startsWith("whpk_"), shown);
        assertEquals(32, Base64.getDecoder().decode(shown.substring(5)).length);
        assertEquals("whsec_abc", WebhookSecret.shown("whsec_abc"));
    }

    @Test
    void aKeyWhoseHalvesDoNotBelongTogetherIsRefused() {
        byte[] a = Base64.getDecoder().decode(Ed25519Key.generate().substring(5));
        byte[] b = Base64.getDecoder().decode(Ed25519Key.generate().substring(5));
        System.arraycopy(b, 32, a, 32, 32);
        assertNotNull(Ed25519Key.problemWith("whsk_" + Base64.getEncoder().encodeToString(a)));
        assertNotNull(Ed25519Key.problemWith("whsk_" + Base64.getEncoder().encodeToString(new byte[32])));
        assertNotNull(WebhookSecret.problemWith("whsk_not base64!"));
    }

    @Test
    void signaturesAreV1aAndDeterministicAsEd25519Is() {
        String key = Ed25519Key.generate();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String one = Ed25519Key.sign(key, "msg_1", 1700000000, body);
        assertTrue(one.startsWith("v1a,"), one);
        assertEquals(64, Base64.getDecoder().decode(one.substring(4)).length);
        assertEquals(one, Ed25519Key.sign(key, "msg_1", 1700000000, body));
        String header = StandardWebhooksSigner.header(java.util.List.of(key, WebhookSecret.generate()), "msg_1", 1700000000, body);
        assertTrue(header.matches("v1a,\\S+ v1,\\S+"), header);
    }
}
