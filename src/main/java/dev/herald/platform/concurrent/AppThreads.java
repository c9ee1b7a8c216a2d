package dev.herald.platform.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ThreadFactory;

/**
 * Herald's threads, all with one application context, captured once when this bean is made (at
 * deployment, by its observer, unless a bean needs a thread earlier) rather than taken from
 * whichever thread happens to make them. The container's thread factory gives a new thread the
 * context of the thread that makes it, and pools make threads on demand: a pool grown by a
 * message-driven bean's thread got threads on which {@code @Transactional} methods saw their
 * connections outside the transaction. Writers that must be atomic do not rely on this (see
 * OwnTransaction); it keeps the rest of the threads alike, each set up once per thread.
 */
@ApplicationScoped
public class AppThreads implements ThreadFactory {
    @Resource
    ManagedThreadFactory threads;

    @Resource
    ContextService contexts;

    private ThreadFactory inDeploymentContext;

    @PostConstruct
    void capture() {
        inDeploymentContext = contexts.createContextualProxy(threads, ThreadFactory.class);
    }

    /** Made on the deploying thread, so the context captured is the application's. */
    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        // creating the bean to deliver the event is the point
    }

    @Override
    public Thread newThread(Runnable task) {
        return inDeploymentContext.newThread(task);
    }
}
