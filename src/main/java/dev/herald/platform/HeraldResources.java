package dev.herald.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The container resources Herald needs, declared in code so the WAR carries them.
 *
 * <p>The resource adapter name is the RAR's file name without ".rar" (see pom.xml). The H2 URL
 * reads HERALD_DATA_DIR through Payara's {@code ${ENV=name:default}} substitution, the same
 * variable the broker (server-config/broker-config.xml) and MicroProfile Config read.
 */
@DataSourceDefinition(
        name = HeraldResources.DATASOURCE,
        // The driver, not JdbcDataSource: that class is also an XADataSource, which would make
        // H2 a two-phase-commit participant, and H2's prepared-transaction recovery corrupted
        // the database after kill -9 (see docs/decisions.md). As a local resource it commits in
        // one phase, last, after the broker's prepare; the rows stay the truth either way.
        className = "org.h2.Driver",
        url = "jdbc:h2:file:${ENV=HERALD_DATA_DIR:./data}/db/herald;LOCK_TIMEOUT=10000;WRITE_DELAY=0",
        user = "herald",
        password = "herald",
        minPoolSize = 2,
        maxPoolSize = 32)
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
    public static final String CONNECTION_FACTORY = "java:app/jms/herald";
    public static final String DELIVERY_QUEUE = "java:app/jms/deliveries";
    public static final String DELIVERY_QUEUE_NAME = "herald.deliveries";
    /** Runs attempts that waited for their endpoint (see EndpointGate). */
    public static final String DELIVERY_EXECUTOR = "java:app/concurrent/herald-delivery";
}
