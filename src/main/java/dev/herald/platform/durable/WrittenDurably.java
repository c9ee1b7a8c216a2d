package dev.herald.platform.durable;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method that waits for its own writes to reach the disk before it answers (the
 * message ingest, through its group commit), so {@link DurableAnswers} need not wait again.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WrittenDurably {
}
