package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.contract.EndpointContract;
import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.lease.Leases;
import dev.herald.subscription.control.EndpointView;
import dev.herald.subscription.control.EndpointViews;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An ordered endpoint that cannot be sent to now (paused, disabled, or delivery paused) with a
 * message due at the head of its line: the line is looked at once and left until resuming or
 * enabling queues it again. It was looked at again at once, and again, a thread spinning on the
 * database for as long as the endpoint stayed paused.
 */
class OrderedLanesTest {
    private final AtomicInteger headReads = new AtomicInteger();
    private OrderedLanes lanes;

    @AfterEach
    void stop() {
        lanes.stop();
    }

    @ParameterizedTest(name = "endpoint paused {0}, delivery paused {1}")
    @CsvSource({"true, false", "false, true"})
    void aLineThatCannotBeSentIsLookedAtOnceAtMostNotOverAndOver(boolean endpointPaused, boolean deliveryPaused)
            throws InterruptedException {
        lanes = lanes(endpointPaused, deliveryPaused);
        lanes.wake("ep_1");
        Thread.sleep(500);
        assertTrue(headReads.get() <= 1, headReads.get() + " looks at the head of a line that cannot be sent, in 0.5 s");
    }

    private OrderedLanes lanes(boolean endpointPaused, boolean deliveryPaused) {
        OrderedLanes l = new OrderedLanes();
        l.ledger = new DeliveryLedger() {
            @Override
            public Head head(String endpointId) {
                headReads.incrementAndGet();
                return new Head("dlv_1", "msg_1", "PENDING", 0, null, null, 1);
            }
        };
        l.leases = new Leases() {
            @Override
            public boolean acquireNamed(String job, Duration ttl) {
                return true;
            }

            @Override
            public void release(String job) {
            }
        };
        EndpointContract ordered = new EndpointContract("POST", EndpointContract.Format.RAW, EndpointContract.Signature.STANDARD,
                null, Map.of(), null, EndpointContract.RetryOn.DEFAULT, true);
        EndpointView view = new EndpointView("ep_1", "app_1", "https://receiver.example", null, null, false, endpointPaused,
                "whsec_c2VjcmV0", null, null, ordered, null);
        l.views = new EndpointViews() {
            @Override
            public EndpointView byId(String endpointId) {
                return view;
            }
        };
        l.pause = new DeliveryPause();
        l.pause.set(deliveryPaused);
        l.settings = new DeliverySettings();
        l.queue = new DeliveryQueue() {
            @Override
            public void enqueue(Collection<Ticket> tickets) {
            }
        };
        l.threads = new AppThreads() {
            @Override
            public Thread newThread(Runnable task) {
                return new Thread(task);
            }
        };
        l.start();
        return l;
    }
}
