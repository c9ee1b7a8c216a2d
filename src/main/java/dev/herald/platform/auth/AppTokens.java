package dev.herald.platform.auth;

import dev.herald.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/** Issues, recognises and ends application-scoped tokens. */
@ApplicationScoped
public class AppTokens {
    /** Tells an application token from the operator's at a glance, and in secret scanners. */
    public static final String PREFIX = "appsk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** A new token for the application; the only time its text exists on the server. */
    @Transactional
    public String issue(String appId, Duration lifetime, boolean readOnly, Set<String> featureFlags, String sessionId) {
        Instant now = Times.now();
        // Expired tokens can never be used again; dropping them here keeps the table small.
        em.createQuery("delete from AppToken t where t.expiresAt <= :now").setParameter("now", now).executeUpdate();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        AppToken row = new AppToken(digest(token), appId, now, now.plus(lifetime), readOnly);
        row.setSessionId(sessionId);
        row.setFeatureFlags(featureFlags == null || featureFlags.isEmpty() ? null : String.join(",", featureFlags));
        em.persist(row);
        return token;
    }

    /**
     * The caller a presented token stands for, or null if it is unknown or expired. Looking the
     * token up by its hash leaks nothing through timing: the hash of a guess says nothing about
     * the hash of a real token.
     */
    public Caller resolve(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return null;
        }
        AppToken row = em.find(AppToken.class, digest(presented));
        if (row == null || !row.isValidAt(Times.now())) {
            return null;
        }
        return Caller.ofApplication(row.getAppId(), row.isReadOnly());
    }

    /**
     * The stored row of a live presented token (its application, expiry and read-only flag), or
     * null; the portal reads it to know what it may offer and until when.
     */
    public AppToken live(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return null;
        }
        AppToken row = em.find(AppToken.class, digest(presented));
        return row == null || !row.isValidAt(Times.now()) ? null : row;
    }

    /** Ends the presented token at once; false if it was not a live application token. */
    @Transactional
    public boolean revoke(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return false;
        }
        return em.createQuery("delete from AppToken t where t.tokenHash = :hash")
                .setParameter("hash", digest(presented)).executeUpdate() > 0;
    }

    /**
     * Svix's expire-all: the application's tokens (only those of the given sessions, if any are
     * named) end at {@code at}, or keep their own expiry if that comes sooner.
     */
    @Transactional
    public int expireAll(String appId, Instant at, Set<String> sessionIds) {
        String where = "t.appId = :app and t.expiresAt > :at" + (sessionIds.isEmpty() ? "" : " and t.sessionId in :sessions");
        var update = em.createQuery("update AppToken t set t.expiresAt = :at where " + where)
                .setParameter("app", appId).setParameter("at", at);
        if (!sessionIds.isEmpty()) {
            update.setParameter("sessions", sessionIds);
        }
        return update.executeUpdate();
    }

    static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
