package dev.herald.platform;

import dev.herald.platform.db.HeraldDriver;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The container resources Herald needs, declared in code so the WAR carries them.
 *
 * <p>The resource adapter name is the RAR's file name without ".rar" (see pom.xml). The database
 * is configuration: Payara substitutes {@code ${ENV=name:default}} in these attributes (the
 * default runs to the closing brace and may hold colons, but not another {@code ${…}}).
 * {@code HERALD_DB_URL} names PostgreSQL ({@code jdbc:postgresql://…}) or H2; unset, it is
 * {@link HeraldDriver#EMBEDDED}, which {@link HeraldDriver} expands to the H2 file under
 * HERALD_DATA_DIR, the same variable the broker (src/broker, EmbeddedBrokerFactory) and
 * MicroProfile Config read.
 */
@DataSourceDefinitions({
    @DataSourceDefinition(
            name = HeraldResources.DATASOURCE,
            // A driver, not a DataSource class: H2's JdbcDataSource is also an XADataSource, which
            // would make H2 a two-phase-commit participant, and H2's prepared-transaction recovery
            // corrupted the database after kill -9 (see docs/decisions.md). As a local resource the
            // database commits in one phase, last, after the broker's prepare; the rows stay the
            // truth either way. HeraldDriver hands each URL to the real driver (H2 or PostgreSQL)
            // and runs the schema migrations before the first connection.
            className = HeraldResources.DRIVER,
            url = HeraldResources.DB_URL,
            user = HeraldResources.DB_USER,
            password = HeraldResources.DB_PASSWORD,
            minPoolSize = 2,
            maxPoolSize = 32),
    @DataSourceDefinition(
            // The same database without JTA, for the group-commit writers' own JDBC transactions
            // (OwnTransaction): begun and committed by them, whatever thread they run on.
            name = HeraldResources.DIRECT_DATASOURCE,
            className = HeraldResources.DRIVER,
            url = HeraldResources.DB_URL,
            user = HeraldResources.DB_USER,
            password = HeraldResources.DB_PASSWORD,
            transactional = false,
            minPoolSize = 2,
            maxPoolSize = 16)
})
@JMSConnectionFactoryDefinition(
        name = HeraldResources.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = HeraldResources.RESOURCE_ADAPTER,
        minPoolSize = 1,
        maxPoolSize = 32)
@AdministeredObjectDefinition(
        name = HeraldResources.DELIVERY_QUEUE,
        interfaceName = "jakarta.jms.Queue",
        className = "org.apache.activemq.command.ActiveMQQueue",
        resourceAdapter = HeraldResources.RESOURCE_ADAPTER,
        properties = "PhysicalName=" + HeraldResources.DELIVERY_QUEUE_NAME)
@ManagedExecutorDefinition(
        name = HeraldResources.DELIVERY_EXECUTOR,
        maxAsync = 64)
@ApplicationScoped
public class HeraldResources {
    public static final String RESOURCE_ADAPTER = "activemq-rar-6.1.8";
    public static final String DATASOURCE = "java:app/jdbc/herald";
    // Both datasources reach the same database, configured once.
    static final String DRIVER = "dev.herald.platform.db.HeraldDriver";
    static final String DB_URL = "${ENV=HERALD_DB_URL:" + HeraldDriver.EMBEDDED + "}";
    static final String DB_USER = "${ENV=HERALD_DB_USER:herald}";
    static final String DB_PASSWORD = "${ENV=HERALD_DB_PASSWORD:herald}";
    /** The same database, connections outside JTA (see OwnTransaction). */
    public static final String DIRECT_DATASOURCE = "java:app/jdbc/herald-direct";
    public static final String CONNECTION_FACTORY = "java:app/jms/herald";
    public static final String DELIVERY_QUEUE = "java:app/jms/deliveries";
    public static final String DELIVERY_QUEUE_NAME = "herald.deliveries";
    /** Runs attempts that waited for their endpoint (see EndpointGate). */
    public static final String DELIVERY_EXECUTOR = "java:app/concurrent/herald-delivery";
}
