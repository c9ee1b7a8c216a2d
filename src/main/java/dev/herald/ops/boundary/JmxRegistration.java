package dev.herald.ops.boundary;

import dev.herald.delivery.control.DeliveryPause;
import dev.herald.delivery.control.DeliverySettings;
import dev.herald.delivery.control.DeliveryStats;
import dev.herald.delivery.control.EndpointGate;
import dev.herald.ops.control.OperatorSignals;
import dev.herald.retention.Purger;
import dev.herald.retention.RetentionSettings;
import dev.herald.retention.RetentionStats;
import dev.herald.retention.RetentionTimer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Registers Herald's MBeans in the platform MBean server, beside the broker's own, and the delivery gauges of {@code /metrics}. */
@Singleton
@Startup
public class JmxRegistration {
    private static final Logger LOG = Logger.getLogger(JmxRegistration.class.getName());
    public static final String DELIVERY = "herald:type=Delivery";
    public static final String RETENTION = "herald:type=Retention";

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryPause pause;

    @Inject
    DeliveryStats stats;

    @Inject
    OperatorSignals signals;

    @EJB
    DeliveryOperator operator;

    @Inject
    EndpointGate gate;

    @Inject
    dev.herald.delivery.control.LedgerBatches ledgerBatches;

    @Inject
    dev.herald.message.control.IngestBatcher ingestBatcher;

    @Inject
    dev.herald.platform.durable.DurableWrites durableWrites;

    @Inject
    RetentionSettings retentionSettings;

    @Inject
    RetentionStats retentionStats;

    @EJB
    Purger purger;

    @EJB
    RetentionTimer retentionTimer;

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void register() {
        DeliveryOperations delivery = new DeliveryOperations(settings, pause, stats, signals, operator, gate,
                () -> ingestBatcher.batching() + "; " + ledgerBatches.batching() + durableWrites.batching());
        try {
            registerBean(DELIVERY, new AppContextMBean<>(delivery, DeliveryOperationsMBean.class));
            registerBean(RETENTION, new AppContextMBean<>(new RetentionOperations(retentionSettings, retentionStats, purger,
                    retentionTimer), RetentionOperationsMBean.class));
        } catch (javax.management.NotCompliantMBeanException e) {
            LOG.log(Level.WARNING, "Herald's MBeans are not compliant", e);
        }
        DeliveryGauges.register(metrics, delivery);
    }

    /**
     * Not an overload of {@link #register()}: Payara's EJB container picks the lifecycle
     * callback by name, and once a lambda in it reordered the class's methods, it called this
     * one instead ("wrong number of arguments") and the application failed to deploy.
     */
    private static void registerBean(String objectName, Object mbean) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(objectName);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a redeployment's leftover
            }
            server.registerMBean(mbean, name);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot register " + objectName, e);
        }
    }

    @PreDestroy
    void unregister() {
        DeliveryGauges.unregister(metrics);
        for (String objectName : new String[] {DELIVERY, RETENTION}) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(objectName));
            } catch (Exception e) {
                LOG.log(Level.FINE, "MBean already gone", e);
            }
        }
    }
}
