package dev.herald.platform.db;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The settings an H2 file database needs under Herald (the embedded default has them, see
 * {@link HeraldDriver#EMBEDDED_SETTINGS}): H2 2.2.224 lost data in its chunk moves and in closing a
 * database it had just recovered. A {@code HERALD_DB_URL} of one's own that names an H2 file
 * without them works, and is warned about once at start.
 */
final class H2FileSettings {
    private static final Logger LOG = Logger.getLogger(H2FileSettings.class.getName());
    /** Compaction off, never closed ({@link HeraldDriver#resolve} says why); the embedded default is built with them. */
    static final List<String> NEEDED = List.of("AUTO_COMPACT_FILL_RATE=0", "MAX_COMPACT_TIME=0", "DB_CLOSE_DELAY=-1",
            "DB_CLOSE_ON_EXIT=FALSE");
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private H2FileSettings() {
    }

    /** The needed settings this URL lacks (none for anything but an H2 file: memory, server, PostgreSQL). */
    static List<String> missing(String url) {
        String u = url.toUpperCase(Locale.ROOT).replace(" ", "");
        if (!u.startsWith("JDBC:H2:") || u.startsWith("JDBC:H2:MEM:") || u.startsWith("JDBC:H2:TCP:")
                || u.startsWith("JDBC:H2:SSL:")) {
            return List.of();
        }
        return NEEDED.stream().filter(s -> !(u + ";").contains(";" + s + ";")).toList();
    }

    /** Logs, once per URL, which of the settings it lacks; the URL itself is not logged (it may carry a password). */
    static void warnOnce(String url) {
        List<String> missing = missing(url);
        if (!missing.isEmpty() && WARNED.add(url)) {
            LOG.warning("HERALD_DB_URL names an H2 file without " + String.join(";", missing) + ": add them, as the"
                    + " embedded default has them. H2 2.2.224 has lost data in its chunk moves and in closing a database"
                    + " it had just recovered after a crash (docs/decisions.md, \"H2 never moves chunks and never closes"
                    + " the database\").");
        }
    }
}
