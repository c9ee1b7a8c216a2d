package dev.herald.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Standard Webhooks' asymmetric scheme: {@code v1a,<base64 Ed25519 signature of
 * "{id}.{timestamp}.{body}">}. The endpoint holds {@code whsk_<base64 of the 32-byte seed and the
 * 32-byte public key>} (the layout Svix stores, so keys move between the two); receivers get only
 * {@code whpk_<base64 of the public key>} and verify without any shared secret.
 *
 * <p>The JDK's Ed25519 (Java 15+) takes keys in their DER forms; a raw key is the fixed DER
 * prefix plus the 32 bytes, so no library is needed.
 */
public final class Ed25519Key {
    public static final String SECRET_PREFIX = "whsk_";
    public static final String PUBLIC_PREFIX = "whpk_";
    public static final String VERSION = "v1a";

    // DER headers of an Ed25519 PKCS#8 private key and X.509 public key (RFC 8410), before the raw 32 bytes
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
            0x04, 0x22, 0x04, 0x20};
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Key() {
    }

    public static boolean isSecretKey(String key) {
        return key != null && key.startsWith(SECRET_PREFIX);
    }

    /** A new key pair as {@code whsk_…}. */
    public static String generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] seed = tail(pair.getPrivate().getEncoded());
            byte[] pub = tail(pair.getPublic().getEncoded());
            byte[] both = Arrays.copyOf(seed, 64);
            System.arraycopy(pub, 0, both, 32, 32);
            return SECRET_PREFIX + Base64.getEncoder().encodeToString(both);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** The {@code whpk_…} that receivers verify with. */
    public static String publicKey(String secretKey) {
        return PUBLIC_PREFIX + Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes(secretKey), 32, 64));
    }

    /** {@code v1a,<base64 signature>} of {@code "{msgId}.{timestamp}.{body}"}. */
    public static String sign(String secretKey, String msgId, long timestampSeconds, byte[] body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey(Arrays.copyOf(bytes(secretKey), 32)));
            signer.update((msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            return VERSION + "," + Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Why a caller-supplied {@code whsk_} key is unusable, or null: it must be 64 bytes whose
     * second half is the public key of the first (checked by signing and verifying once).
     */
    public static String problemWith(String key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(key.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return "must be '" + SECRET_PREFIX + "' followed by standard base64";
        }
        if (raw.length != 64) {
            return "must hold 64 bytes: the Ed25519 seed, then its public key";
        }
        try {
            byte[] probe = "herald".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey(Arrays.copyOf(raw, 32)));
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(Arrays.copyOfRange(raw, 32, 64)));
            verifier.update(probe);
            return verifier.verify(signature) ? null : "its second half is not the public key of its first";
        } catch (GeneralSecurityException e) {
            return "is not an Ed25519 key pair";
        }
    }

    private static byte[] bytes(String secretKey) {
        if (!isSecretKey(secretKey)) {
            throw new IllegalArgumentException("key must start with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secretKey.substring(SECRET_PREFIX.length()));
    }

    private static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw)));
    }

    private static byte[] tail(byte[] der) {
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
