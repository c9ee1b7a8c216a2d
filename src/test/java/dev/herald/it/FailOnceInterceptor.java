package dev.herald.it;

import dev.herald.delivery.control.DeliveryTask;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Set;
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
    static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    @AroundInvoke
    public Object maybeFail(InvocationContext call) throws Exception {
        if (call.getMethod().getName().equals("finish") && call.getParameters()[0] instanceof DeliveryTask task
                && task.body().contains("\"failOnce\":true") && FAILED.add(task.deliveryId())) {
            throw new IllegalStateException("test: recording this attempt fails once");
        }
        return call.proceed();
    }
}
