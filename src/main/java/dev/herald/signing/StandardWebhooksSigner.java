package dev.herald.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">},
 * sent with {@code webhook-id} and {@code webhook-timestamp}. The id stays the same across
 * retries so receivers can deduplicate. During a secret rotation the header carries one
 * signature per valid secret, separated by spaces, as the spec allows. A {@code whsk_} key signs
 * with Ed25519 instead ({@code v1a}, {@link Ed25519Key}).
 */
public final class StandardWebhooksSigner {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private StandardWebhooksSigner() {
    }

    public static String sign(byte[] key, String msgId, long timestampSeconds, byte[] body) {
        Mac mac = HmacSha256.keyed(key);
        mac.update((msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    public static String sign(String secret, String msgId, long timestampSeconds, String body) {
        return sign(WebhookSecret.key(secret), msgId, timestampSeconds, body.getBytes(StandardCharsets.UTF_8));
    }

    /** One signature per secret, the current one first. */
    public static String header(List<String> secrets, String msgId, long timestampSeconds, byte[] body) {
        StringBuilder value = new StringBuilder();
        for (String secret : secrets) {
            if (value.length() > 0) {
                value.append(' ');
            }
            // an endpoint may hold an Ed25519 key (v1a) or an HMAC secret (v1), and during a
            // rotation from one to the other, one of each
            value.append(Ed25519Key.isSecretKey(secret) ? Ed25519Key.sign(secret, msgId, timestampSeconds, body)
                    : sign(WebhookSecret.key(secret), msgId, timestampSeconds, body));
        }
        return value.toString();
    }
}
