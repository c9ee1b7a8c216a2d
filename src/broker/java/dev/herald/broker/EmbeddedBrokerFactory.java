package dev.herald.broker;

import java.io.File;
import java.net.URI;
import java.util.List;

import org.apache.activemq.broker.BrokerFactoryHandler;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.jmx.ManagementContext;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.activemq.usage.SystemUsage;

/**
 * Herald's embedded ActiveMQ broker, built in plain Java for the resource adapter
 * ({@code BrokerXmlConfig=herald:embedded}, found by ActiveMQ's {@code BrokerFactory} through
 * {@code META-INF/services/org/apache/activemq/broker/herald} in the RAR).
 *
 * <p>It replaces an xbean/Spring XML file that said the same: reading that file started a Spring
 * context (Spring, xbean and their XML schemas, about 1,000 classes) on every start, before the
 * broker itself. Without Spring the RAR also sheds its Spring, xbean, log4j and unused transport
 * jars, which Payara otherwise scans at every deployment.
 *
 * <ul>
 * <li>Persistent (KahaDB) under {@code HERALD_DATA_DIR/broker}, so queued deliveries survive
 * {@code kill -9}.</li>
 * <li>Scheduler on: retries are scheduled with the {@code AMQ_SCHEDULED_DELAY} message property.</li>
 * <li>No transport connector: nothing listens on TCP. An operator who wants one adds
 * {@code broker.addConnector("tcp://…")} here.</li>
 * <li>A poison message ends in a per-queue dead letter queue ({@code DLQ.<queue>}), not the shared
 * {@code ActiveMQ.DLQ}.</li>
 * <li>JMX in the server's platform MBean server, no JMX connector of its own; MBeans for queues,
 * not for every producer, consumer and connection. No advisory messages.</li>
 * <li>When {@code HERALD_BROKER_URL} names an external broker, Herald uses that one, and this
 * broker exists only because the adapter starts whatever its configuration describes: in
 * memory, no scheduler, no JMX, and nothing connects to it.</li>
 * </ul>
 */
public final class EmbeddedBrokerFactory implements BrokerFactoryHandler {

    @Override
    public BrokerService createBroker(URI uri) throws Exception {
        String external = System.getenv("HERALD_BROKER_URL");
        // the embedded broker's own URL, written out, is no external broker (the build's warm-up
        // names it so that a HERALD_BROKER_URL of its shell is not used)
        boolean embedded = external == null || external.isBlank() || external.startsWith("vm://embedded");
        String dataDir = setting("HERALD_DATA_DIR", "./data") + "/broker";

        BrokerService broker = new BrokerService();
        broker.setBrokerName("embedded");
        // The RAR's class loader may be gone when the JVM's shutdown hooks run: Payara stops the RA.
        broker.setUseShutdownHook(false);
        broker.setDataDirectory(dataDir);
        broker.setPersistent(embedded);
        broker.setSchedulerSupport(embedded);
        broker.setUseJmx(embedded);
        if (embedded) {
            KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
            kahaDb.setDirectory(new File(dataDir, "kahadb"));
            broker.setPersistenceAdapter(kahaDb);
        }

        ManagementContext management = new ManagementContext();
        management.setCreateConnector(false);
        // Queues keep their MBeans (queue depth, for operators and herald:type=Delivery). Producers,
        // consumers and connections do not: Herald opens a producer per batch of tickets, and the
        // broker registered and unregistered an MBean for each, half of the broker's own CPU
        // under load (async-profiler).
        management.setSuppressMBean("endpoint=Producer,endpoint=dynamicProducer,endpoint=Consumer,connectionName=*");
        broker.setManagementContext(management);
        // Advisory messages (a topic message per producer and consumer opened or closed) serve
        // networks of brokers and monitoring tools; nothing of Herald's reads them.
        broker.setAdvisorySupport(false);

        IndividualDeadLetterStrategy deadLetters = new IndividualDeadLetterStrategy();
        deadLetters.setQueuePrefix("DLQ.");
        deadLetters.setUseQueueForQueueMessages(true);
        PolicyEntry everyQueue = new PolicyEntry();
        everyQueue.setQueue(">");
        everyQueue.setDeadLetterStrategy(deadLetters);
        PolicyMap policies = new PolicyMap();
        policies.setPolicyEntries(List.of(everyQueue));
        broker.setDestinationPolicy(policies);

        SystemUsage usage = broker.getSystemUsage();
        usage.getMemoryUsage().setPercentOfJvmHeap(20);
        usage.getStoreUsage().setLimit(8L * 1024 * 1024 * 1024);
        usage.getTempUsage().setLimit(2L * 1024 * 1024 * 1024);
        return broker;
    }

    /** A system property of that name, else the environment variable, else the default (as Spring's placeholders did). */
    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? fallback : value;
    }
}
