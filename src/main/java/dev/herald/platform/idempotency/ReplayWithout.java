package dev.herald.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method whose answer carries a credential shown once (an endpoint's new
 * {@code secret}): an idempotent replay answers without these top-level fields, and the store
 * never holds them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReplayWithout {
    String[] value();
}
