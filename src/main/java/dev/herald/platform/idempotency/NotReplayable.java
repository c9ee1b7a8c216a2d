package dev.herald.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A POST whose answer carries a credential shown once (a new application token). Its answer is
 * not stored for {@code Idempotency-Key} replays, because the store would then hold the
 * credential in clear; a repeat with the same key gets a new credential instead, and the first
 * one simply expires unused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotReplayable {
}
