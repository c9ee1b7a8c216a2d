package dev.herald.platform.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway, once per database and process, before the first connection is handed out
 * ({@link HeraldDriver}). The scripts are {@code src/main/resources/db/migration/V*.sql}, the
 * same for H2 and PostgreSQL.
 *
 * <p>A database that Hibernate's {@code hbm2ddl=update} built before migrations existed has the
 * tables of V1 but no history table: it is baselined at version 1, so V1 is not run on it again
 * and V2 onwards are. On PostgreSQL Flyway holds an advisory lock while it migrates, so instances
 * starting together migrate once.
 */
public final class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
    private static final Set<String> MIGRATED = ConcurrentHashMap.newKeySet();

    /** Opens a raw connection to the database being migrated. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private Migrations() {
    }

    static void ensure(String url, Connector connector) throws SQLException {
        if (MIGRATED.contains(url)) {
            return;
        }
        synchronized (Migrations.class) {
            if (MIGRATED.contains(url)) {
                return;
            }
            try {
                MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                        .dataSource(new RawDataSource(connector))
                        .locations("classpath:db/migration")
                        .baselineOnMigrate(true)
                        .baselineVersion("1")
                        .baselineDescription("schema built by hbm2ddl before migrations")
                        .load()
                        .migrate();
                LOG.info("Database schema at version " + (result.targetSchemaVersion != null ? result.targetSchemaVersion
                        : result.initialSchemaVersion) + " (" + result.migrationsExecuted + " migrations applied now)");
            } catch (RuntimeException e) {
                throw new SQLException("Schema migration failed: " + e.getMessage(), e);
            }
            MIGRATED.add(url);
        }
    }

    /** Just enough of a DataSource for Flyway: connections straight from the real driver. */
    private static final class RawDataSource implements DataSource {
        private final Connector connector;

        RawDataSource(Connector connector) {
            this.connector = connector;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connector.open();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connector.open();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
