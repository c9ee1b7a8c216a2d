package dev.herald.capture.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Creates the library's tables when they are missing, from the same script an application's
 * Flyway can run ({@code db/herald-capture/V1__herald_capture.sql}), so the library works with zero
 * configuration and an application that manages its schema switches this off.
 */
@ApplicationScoped
public class CaptureSchema {
    public static final String SCRIPT = "/db/herald-capture/V1__herald_capture.sql";

    /** The application's persistence unit (its only one), in the caller's transaction. */
    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create() {
        for (String statement : statements(read())) {
            em.createNativeQuery(statement).executeUpdate();
        }
    }

    /** The script's statements, without comments. Plain Java. */
    static java.util.List<String> statements(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            sql.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(sql.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String read() {
        try (InputStream in = CaptureSchema.class.getResourceAsStream(SCRIPT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
