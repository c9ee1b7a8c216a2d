package dev.herald.capture;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a transactional boundary (a resource or service method), publishes the webhooks for what
 * the method changed, inside its transaction, after the method's own work: the changes are
 * flushed, subordinates bubble up to their roots, and each changed root becomes one row of the
 * outbox, which the relay posts to Herald after the commit.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Captures {
}
