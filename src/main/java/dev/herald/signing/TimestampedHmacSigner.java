package dev.herald.signing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;

/**
 * Stripe-style signatures, as TalentSprout documents them: a header valued
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, keyed with the whole secret
 * string (prefix included), not with decoded key bytes. During a secret rotation each valid
 * secret adds a {@code v1=} part, the newest last: a verifier that keeps only one {@code v1}
 * (the seed's own Node snippet builds an object from the parts, so the last wins) checks the
 * newest secret.
 */
public final class TimestampedHmacSigner {
    private TimestampedHmacSigner() {
    }

    public static String hex(String secret, long timestampSeconds, byte[] body) {
        Mac mac = HmacSha256.keyed(secret.getBytes(StandardCharsets.UTF_8));
        mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** @param secretsNewestFirst the current secret first, then any still valid older ones */
    public static String header(List<String> secretsNewestFirst, long timestampSeconds, byte[] body) {
        StringBuilder value = new StringBuilder("t=").append(timestampSeconds);
        for (int i = secretsNewestFirst.size() - 1; i >= 0; i--) {
            value.append(",v1=").append(hex(secretsNewestFirst.get(i), timestampSeconds, body));
        }
        return value.toString();
    }
}
