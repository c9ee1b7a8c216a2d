package dev.herald.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * Herald's schema in H2 without a server, for tests and replays of its SQL: the migrations applied
 * to an in-memory database, and the application and endpoint rows that delivery rows refer to.
 */
public final class SchemaRows {
    private SchemaRows() {
    }

    /** A connection to a new in-memory H2 database holding Herald's schema; it lives until {@code shutdown}. */
    public static Connection migratedInMemory(String name) throws SQLException {
        String url = "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").load().migrate();
        return DriverManager.getConnection(url);
    }

    /** {@link #migratedInMemory} with application {@code app_1} and its active endpoint {@code ep_1}. */
    public static Connection withEndpoint(String name) throws SQLException {
        Connection c = migratedInMemory(name);
        application(c, "app_1");
        endpoint(c, "ep_1", "app_1", false, false);
        return c;
    }

    /** Ends an in-memory database made here (it lives until then). */
    public static void shutdown(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("shutdown");
        }
    }

    public static void application(Connection c, String id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into herald_application (id, createdAt, name, updatedAt, version) "
                    + "values ('" + id + "', current_timestamp, 'a', current_timestamp, 0)");
        }
    }

    public static void endpoint(Connection c, String id, String appId, boolean paused, boolean disabled)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into herald_endpoint (id, apiVersion, createdAt, description, disabled, paused, secret, "
                    + "updatedAt, url, version, app_id) values ('" + id + "', 1, current_timestamp, '', " + disabled + ", "
                    + paused + ", 's', current_timestamp, 'https://receiver.example', 0, '" + appId + "')");
        }
    }
}
