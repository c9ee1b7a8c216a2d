package dev.herald.capture;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs inside {@code @Transactional} (a later priority is an inner interceptor), so the
 * webhooks are written in the same transaction as the change: a rollback sends nothing.
 */
@Captures
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class CaptureInterceptor {
    @Inject
    CapturePublisher publisher;

    @AroundInvoke
    Object publishAfter(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        publisher.publish();
        return result;
    }
}
