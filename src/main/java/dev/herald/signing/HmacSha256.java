package dev.herald.signing;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 keyed for one signature, from a {@link Mac} each thread keeps. Looking a Mac up
 * ({@code Mac.getInstance}) walks the security providers under a lock: under load that was half
 * of what signing cost. A Mac is not thread-safe, and {@code init} resets it, so one per thread,
 * keyed afresh for every signature, is safe.
 */
final class HmacSha256 {
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private HmacSha256() {
    }

    /** This thread's Mac, keyed with {@code key}; use it before this thread asks again. */
    static Mac keyed(byte[] key) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Not a usable HMAC key", e);
        }
        return mac;
    }
}
