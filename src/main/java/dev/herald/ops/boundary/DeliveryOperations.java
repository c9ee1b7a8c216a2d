package dev.herald.ops.boundary;

import dev.herald.delivery.control.DeliveryPause;
import dev.herald.delivery.control.DeliverySettings;
import dev.herald.delivery.control.DeliveryStats;
import dev.herald.delivery.control.EndpointGate;
import dev.herald.delivery.control.RetrySchedule;
import dev.herald.ops.control.OperatorSignals;
import dev.herald.platform.HeraldResources;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.ObjectName;

/** The {@link DeliveryOperationsMBean} implementation; registered by {@link JmxRegistration}. */
public class DeliveryOperations implements DeliveryOperationsMBean {
    static final int LISTENER_SESSIONS = 4;

    private final DeliverySettings settings;
    private final DeliveryPause pause;
    private final DeliveryStats stats;
    private final OperatorSignals signals;
    private final DeliveryOperator operator;
    private final EndpointGate gate;
    private final java.util.function.Supplier<String> batching;

    DeliveryOperations(DeliverySettings settings, DeliveryPause pause, DeliveryStats stats, OperatorSignals signals,
            DeliveryOperator operator, EndpointGate gate, java.util.function.Supplier<String> batching) {
        this.gate = gate;
        this.batching = batching;
        this.settings = settings;
        this.pause = pause;
        this.stats = stats;
        this.signals = signals;
        this.operator = operator;
    }

    @Override
    public String getDefaultRetrySchedule() {
        return settings.schedule().toText();
    }

    @Override
    public void setDefaultRetrySchedule(String seconds) {
        List<Long> values;
        try {
            values = RetrySchedule.seconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected comma-separated seconds, e.g. 0,5,300");
        }
        String problem = RetrySchedule.problemWith(values);
        if (problem != null) {
            throw new IllegalArgumentException("retry schedule " + problem);
        }
        settings.setSchedule(RetrySchedule.parse(seconds, settings.schedule().jitter()));
    }

    @Override
    public int getMaxAttempts() {
        return settings.schedule().maxAttempts();
    }

    // The design card's words for what the schedule says; the schedule stays the one truth.
    @Override
    public void setMaxAttempts(int attempts) {
        settings.setSchedule(settings.schedule().withMaxAttempts(attempts));
    }

    @Override
    public long getRedeliveryDelay() {
        return settings.schedule().redeliveryDelay().toSeconds();
    }

    @Override
    public void setRedeliveryDelay(long seconds) {
        settings.setSchedule(settings.schedule().withRedeliveryDelay(java.time.Duration.ofSeconds(seconds)));
    }

    @Override
    public int getEndpointConcurrency() {
        return settings.endpointConcurrency();
    }

    @Override
    public void setEndpointConcurrency(int concurrency) {
        settings.setEndpointConcurrency(concurrency);
    }

    @Override
    public int getListenerSessions() {
        return LISTENER_SESSIONS;
    }

    @Override
    public boolean isPaused() {
        return pause.isPaused();
    }

    @Override
    public void setPaused(boolean paused) {
        if (pause.set(paused) && !paused) {
            operator.requeueAllOwed();
        }
    }

    @Override
    public boolean pauseEndpoint(String endpointId) {
        return operator.setEndpointPaused(endpointId, true);
    }

    @Override
    public boolean resumeEndpoint(String endpointId) {
        return operator.setEndpointPaused(endpointId, false);
    }

    @Override
    public long getQueueDepth() {
        try {
            ObjectName queue = new ObjectName("org.apache.activemq:type=Broker,brokerName=embedded,"
                    + "destinationType=Queue,destinationName=" + HeraldResources.DELIVERY_QUEUE_NAME);
            return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(queue, "QueueSize");
        } catch (Exception e) {
            return -1; // an external broker, or the queue not created yet
        }
    }

    @Override
    public int getInFlight() {
        return stats.inFlight();
    }

    @Override
    public int getParked() {
        return gate.parked();
    }

    @Override
    public String getWriteBatches() {
        return batching.get();
    }

    @Override
    public long getDeadLetterCount() {
        return operator.deadLetterCount();
    }

    @Override
    public int replayDeadLetters() {
        return operator.replayDeadLetters();
    }

    @Override
    public double getAttemptsPerSecond() {
        return stats.attemptsPerSecond();
    }

    @Override
    public long getAttemptsTotal() {
        return stats.attempts();
    }

    @Override
    public long getSucceededTotal() {
        return stats.succeeded();
    }

    @Override
    public long getFailedTotal() {
        return stats.failed();
    }

    @Override
    public long getEndpointsAutoDisabled() {
        return signals.endpointsDisabled();
    }

    @Override
    public String orderedHead(String endpointId) {
        return operator.orderedHead(endpointId);
    }

    @Override
    public boolean skipOrderedHead(String endpointId) {
        return operator.skipOrderedHead(endpointId);
    }
}
