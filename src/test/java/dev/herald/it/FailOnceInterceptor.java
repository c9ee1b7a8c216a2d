package dev.herald.it;

import dev.herald.delivery.control.DeliveryLedger;
import dev.herald.delivery.control.DeliveryTask;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only: the first time the ledger records an attempt whose payload asks for it, the
 * recording fails, as a database hiccup would. The listener's work is then lost mid-way and the
 * test checks that the delivery still happens, once.
 */
@FailOnce
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class FailOnceInterceptor {
    /** When recording first failed, per delivery. */
    static final Map<String, Long> FAILED = new ConcurrentHashMap<>();

    /**
     * Fails every recording of the flagged attempt for a few seconds, so the group commit's
     * one-by-one retry fails too (a lasting hiccup), and lets the attempt sent again later, once
     * the orphan is taken up, be recorded.
     */
    @AroundInvoke
    public Object maybeFail(InvocationContext call) throws Exception {
        String name = call.getMethod().getName();
        if (name.equals("finishAll") && call.getParameters()[0] instanceof List<?> all) {
            for (Object item : all) {
                if (item instanceof DeliveryLedger.Finished f && flagged(f.task())) {
                    throw new IllegalStateException("test: recording this attempt fails");
                }
            }
        }
        return call.proceed();
    }

    private static boolean flagged(DeliveryTask task) {
        if (!task.body().contains("\"failOnce\":true")) {
            return false;
        }
        long now = System.currentTimeMillis();
        long first = FAILED.computeIfAbsent(task.deliveryId(), id -> now);
        return now - first < 5_000;
    }
}
