package dev.herald.capture;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity as a webhook root, named as Talview names its objects: {@code service} and
 * {@code name} give the subscription key {@code can.candidate.created} and the event type
 * {@code can_candidate_created}. A {@code versioned} root has no history table of its own:
 * its {@code updated} payloads are {@code {"old": …, "new": …}}, with {@code old} read from the
 * snapshots the library keeps in the application's database ({@code herald_snapshot}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebhookObject {
    String service();

    String name();

    boolean versioned() default false;
}
