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
 * Herald's threads, all with the application's context as it is at deployment, whichever thread
 * asks for one. The container's thread factory gives a new thread the context of the thread that
 * makes it, and pools make threads on demand: a pool grown by a message-driven bean's thread (whose
 * methods run without a transaction) handed out threads on which {@code @Transactional} methods got
 * connections outside their transaction, in auto-commit. Here every thread is made inside the
 * deployment's context (a contextual proxy captured once), so what each thread runs sees the
 * same context, set up once per thread rather than once per task.
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
