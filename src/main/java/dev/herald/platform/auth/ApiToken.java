package dev.herald.platform.auth;

import dev.herald.platform.secrets.SecretsKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's bearer token: {@code HERALD_API_TOKEN} if set, otherwise the one stored in the
 * data directory, otherwise a new one, written there (owner-readable only) and printed once.
 *
 * <p>On a database that several instances share (PostgreSQL, {@code HERALD_DB_URL}) a token or
 * secrets key generated into one instance's data directory would differ from the next
 * instance's: one would answer 401 to the other's token, and fail to open secrets the other
 * sealed. There both must come from the configuration, and the application refuses to deploy
 * without them (Payara Micro stays up, never ready, and logs which one is missing).
 */
@ApplicationScoped
public class ApiToken {
    private static final Logger LOG = Logger.getLogger(ApiToken.class.getName());
    static final String FILE_NAME = "api-token";

    @Inject
    @ConfigProperty(name = "herald.api.token")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "herald.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "herald.db.url")
    Optional<String> databaseUrl;

    private byte[] token;

    @PostConstruct
    void resolve() {
        if (databaseUrl.filter(url -> url.startsWith("jdbc:postgresql:")).isPresent()) {
            requireShared();
        }
        restrictDataDir();
        String value = configured.filter(t -> !t.isBlank()).map(String::trim).orElseGet(this::storedOrGenerated);
        token = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Resolve at deployment, so a first start prints the generated token before any request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine("API token ready");
    }

    private void requireShared() {
        if (configured.filter(t -> !t.isBlank()).isEmpty()) {
            throw new IllegalStateException("HERALD_DB_URL names a shared database: set HERALD_API_TOKEN, the same on "
                    + "every instance (a token generated here would be this instance's alone)");
        }
        if (!SecretsKey.configured()) {
            throw new IllegalStateException("HERALD_DB_URL names a shared database: set HERALD_SECRETS_KEY, the same "
                    + "on every instance (try: openssl rand -base64 32); a key generated here would be this instance's alone");
        }
        SecretsKey.box(); // a malformed key fails now, not at the first delivery
    }

    /** The data directory holds the database, the queue and the token: owner only. */
    private void restrictDataDir() {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warning("Could not restrict " + dir + " to its owner: " + e.getMessage());
        }
    }

    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private String storedOrGenerated() {
        Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply.
            }
            // Printed once, on the console only, so the operator can copy it; never logged again.
            System.out.println("\n*** Herald generated an API token (stored in " + file.toAbsolutePath() + "):\n*** "
                    + generated + "\n");
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or store the API token in " + file.toAbsolutePath(), e);
        }
    }
}
