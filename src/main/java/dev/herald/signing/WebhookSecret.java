package dev.herald.signing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's signing secret in the Standard Webhooks form {@code whsec_<base64>}. The HMAC key
 * is the base64-decoded part after the prefix (the spec's rule, which the Svix and Standard
 * Webhooks verifiers follow).
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    /** The spec requires 24 to 64 bytes of key. */
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    public static String generate() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The key bytes of a {@code whsec_} secret. */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("secret must start with " + PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /**
     * What a customer may see of a signing key: an HMAC secret as it is (they need it to
     * verify), an Ed25519 key only as its public half ({@code whpk_}).
     */
    public static String shown(String secret) {
        return Ed25519Key.isSecretKey(secret) ? Ed25519Key.publicKey(secret) : secret;
    }

    /** Why a caller-chosen secret ({@code whsec_} or an Ed25519 {@code whsk_}) is unacceptable, or null if it is fine. */
    public static String problemWith(String secret) {
        if (Ed25519Key.isSecretKey(secret)) {
            return Ed25519Key.problemWith(secret);
        }
        if (!secret.startsWith(PREFIX)) {
            return "must start with '" + PREFIX + "'";
        }
        byte[] key;
        try {
            key = key(secret);
        } catch (IllegalArgumentException e) {
            return "must be '" + PREFIX + "' followed by standard base64";
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            return "must hold between " + MIN_BYTES + " and " + MAX_BYTES + " bytes of key";
        }
        return null;
    }
}
