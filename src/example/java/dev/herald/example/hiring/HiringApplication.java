package dev.herald.example.hiring;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The example hiring application: its own WAR ({@code hiring.war}, served at {@code /hiring}),
 * its own H2 database, EclipseLink (Payara's default JPA provider), and the herald-capture
 * library. {@code WRITE_DELAY=0}: H2 otherwise loses the last half second of commits to a
 * {@code kill -9}, and with them their outbox rows. The driver class (not H2's XA data source)
 * keeps the database a local, one-phase resource.
 */
@ApplicationPath("api")
@DataSourceDefinition(name = "java:app/jdbc/hiring", className = "org.h2.Driver",
        url = "jdbc:h2:file:${ENV=HIRING_DATA_DIR:./hiring-data}/hiring;WRITE_DELAY=0",
        user = "sa", password = "")
public class HiringApplication extends Application {
}
