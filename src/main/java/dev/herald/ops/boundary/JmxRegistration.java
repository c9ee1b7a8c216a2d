package dev.herald.ops.boundary;

import dev.herald.delivery.control.DeliveryPause;
import dev.herald.delivery.control.DeliverySettings;
import dev.herald.delivery.control.DeliveryStats;
import dev.herald.delivery.control.EndpointGate;
import dev.herald.ops.control.OperatorSignals;
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

/** Registers Herald's MBeans in the platform MBean server, beside the broker's own. */
@Singleton
@Startup
public class JmxRegistration {
    private static final Logger LOG = Logger.getLogger(JmxRegistration.class.getName());
    public static final String DELIVERY = "herald:type=Delivery";

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

    @PostConstruct
    void register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(DELIVERY);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a redeployment's leftover
            }
            server.registerMBean(new DeliveryOperations(settings, pause, stats, signals, operator, gate), name);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot register " + DELIVERY, e);
        }
    }

    @PreDestroy
    void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(DELIVERY));
        } catch (Exception e) {
            LOG.log(Level.FINE, "MBean already gone", e);
        }
    }
}
