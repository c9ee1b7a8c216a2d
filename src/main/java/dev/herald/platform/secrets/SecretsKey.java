package dev.herald.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The key that seals secrets at rest: {@code HERALD_SECRETS_KEY} (base64 of 32 bytes) when set,
 * otherwise {@code secrets.key} in the data directory, created on first use (owner-readable
 * only). JPA converters are not CDI beans on every provider, so the box is a lazily built
 * process-wide value read from MicroProfile Config.
 */
public final class SecretsKey {
    private static final Logger LOG = Logger.getLogger(SecretsKey.class.getName());
    static final String FILE_NAME = "secrets.key";
    private static volatile SecretBox box;

    private SecretsKey() {
    }

    public static SecretBox box() {
        SecretBox b = box;
        if (b == null) {
            synchronized (SecretsKey.class) {
                if (box == null) {
                    box = new SecretBox(load(ConfigProvider.getConfig()));
                }
                b = box;
            }
        }
        return b;
    }

    /** Whether {@code HERALD_SECRETS_KEY} is set, rather than a key file in the data directory. */
    public static boolean configured() {
        return ConfigProvider.getConfig().getOptionalValue("herald.secrets.key", String.class)
                .filter(s -> !s.isBlank()).isPresent();
    }

    static byte[] load(Config config) {
        String configured = config.getOptionalValue("herald.secrets.key", String.class).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null);
        if (configured != null) {
            return decode(configured, "HERALD_SECRETS_KEY");
        }
        Path file = Path.of(config.getOptionalValue("herald.data.dir", String.class).orElse("./data"))
                .toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the data directory's own permissions apply
            }
            LOG.info("Generated the key that seals endpoint secrets at rest: " + file
                    + " (back it up with the database; set HERALD_SECRETS_KEY to manage it yourself)");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
        }
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(source + " must be base64 of exactly 32 bytes (try: openssl rand -base64 32)");
        }
        return key;
    }
}
