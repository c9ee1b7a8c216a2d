package dev.herald.platform.db;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The datasource's driver class ({@code HeraldResources}): one class name that works for every
 * database Herald supports, so switching databases is configuration only. It hands each
 * connection to the real driver that the URL names (H2 or PostgreSQL, both on the WAR's class
 * path), and expands {@link #EMBEDDED}, the default URL when {@code HERALD_DB_URL} is not set,
 * to today's H2 file under {@code HERALD_DATA_DIR}.
 *
 * <p>Before it hands out the first connection to a database it brings that database's schema up
 * to date ({@link Migrations}): the connection pool and Hibernate, which opens a connection while
 * the application deploys, cannot see the database before Flyway has run.
 *
 * <p>The driver itself is never an {@code XADataSource}, so the database stays a local resource
 * that commits in one phase after the broker's prepare (docs/decisions.md, "H2 as a local
 * resource").
 */
public class HeraldDriver implements Driver {
    /** The embedded default: an H2 file database in the data directory. */
    public static final String EMBEDDED = "jdbc:herald:embedded";

    // Payara loads the datasource's class and then asks DriverManager for the URL.
    static {
        try {
            java.sql.DriverManager.registerDriver(new HeraldDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String target = resolve(url);
        Driver driver = delegateFor(target);
        H2FileSettings.warnOnce(target);
        Migrations.ensure(target, () -> driver.connect(target, info));
        return driver.connect(target, info);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && (url.equals(EMBEDDED) || url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"));
    }

    /**
     * The URL the real driver gets: the embedded default expanded, any other as it is. H2 keeps
     * the embedded database's commits in memory for up to {@code WRITE_DELAY} ms; whatever is
     * answered waits for the store write that {@code DurableWrites} makes for many commits at once.
     *
     * <p>H2 never moves the file's chunks ({@code AUTO_COMPACT_FILL_RATE=0}: no background
     * compaction; {@code MAX_COMPACT_TIME=0}: none when the database closes), and never closes the
     * database ({@code DB_CLOSE_DELAY=-1}: not when the migrations' connection closes before the
     * pool opens its own; {@code DB_CLOSE_ON_EXIT=FALSE}: not when the JVM exits). H2 2.2.224 lost
     * data in both: a file opened and closed a few times in a row (the test suite restarts its
     * server on one data directory) came back with its schema history at one version and a table
     * at an older one, and with compaction off, closing a file that had just been recovered after
     * a kill -9 wrote a chunk over live ones ("Double mark" at the next open; 6 of 21 runs of
     * kill, open, close, open). Opening a file that was not closed is H2's crash recovery, which
     * every kill -9 test exercises; a stop writes the store first ({@code DurableWrites}), so it
     * loses nothing. Herald's {@code StoreCompaction} rewrites mostly dead chunks instead of H2's
     * compaction; a rewrite only ever appends (docs/decisions.md, "H2 never moves chunks").
     */
    static String resolve(String url) {
        if (!EMBEDDED.equals(url)) {
            return url;
        }
        return embeddedH2(dataDir());
    }

    /** H2's settings on the embedded default's URL ({@link #resolve} says why). */
    public static final String EMBEDDED_SETTINGS = "LOCK_TIMEOUT=10000;WRITE_DELAY=500;" + String.join(";", H2FileSettings.NEEDED);

    /** The H2 URL of the embedded default in this data directory (the benchmark varies it, e.g. with compaction settings). */
    public static String embeddedH2(String dataDir) {
        return "jdbc:h2:file:" + dataDir + "/db/herald;" + EMBEDDED_SETTINGS;
    }

    /** HERALD_DATA_DIR as MicroProfile Config sees it (environment, system property), else ./data. */
    static String dataDir() {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig(HeraldDriver.class.getClassLoader())
                    .getOptionalValue("herald.data.dir", String.class).orElse("./data");
        } catch (RuntimeException | LinkageError noConfigHere) {
            String env = System.getenv("HERALD_DATA_DIR");
            return env != null && !env.isBlank() ? env : System.getProperty("herald.data.dir", "./data");
        }
    }

    static Driver delegateFor(String url) throws SQLException {
        // Instantiated directly from this class's loader (the WAR's, which sees Payara's H2 and
        // the bundled PostgreSQL driver), not looked up in DriverManager, which may not see either.
        if (url.startsWith("jdbc:h2:")) {
            // Payara's own H2 (2.2.224), so no compile-time dependency on it.
            try {
                return (Driver) Class.forName("org.h2.Driver", true, HeraldDriver.class.getClassLoader())
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new SQLException("The H2 driver is not on the class path", e);
            }
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new org.postgresql.Driver();
        }
        throw new SQLException("Herald supports H2 (jdbc:h2:…) and PostgreSQL (jdbc:postgresql:…), not " + url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? delegateFor(resolve(url)).getPropertyInfo(resolve(url), info) : new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
