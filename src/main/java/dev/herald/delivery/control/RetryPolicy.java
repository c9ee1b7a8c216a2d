package dev.herald.delivery.control;

import dev.herald.contract.EndpointContract.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * What follows an attempt. Network errors, timeouts, 5xx, 408 and 429 are worth another try on
 * the schedule, unless the endpoint narrows that list ({@code retryOn}); 410 Gone ends the delivery and disables the endpoint; every other answer
 * (other 4xx, 3xx) is final. A {@code Retry-After} lengthens the wait, up to a cap, but never
 * adds attempts.
 */
public final class RetryPolicy {
    public enum Verdict { SUCCEEDED, RETRY, EXHAUSTED, GONE }

    public record Decision(Verdict verdict, Duration delay) {
    }

    private RetryPolicy() {
    }

    public static boolean isRetryable(int statusCode) {
        return RetryOn.covers(RetryOn.DEFAULT, statusCode);
    }

    public static Decision decide(Outcome outcome, RetrySchedule schedule, int chainPosition, Duration retryAfterCap,
            RandomGenerator random) {
        return decide(outcome, schedule, RetryOn.DEFAULT, chainPosition, retryAfterCap, random);
    }

    /**
     * @param retryOn the failures the endpoint wants retried (TalentLynk: network errors and 5xx only)
     * @param chainPosition the failed attempt's place in its retry chain (1 = first)
     */
    public static Decision decide(Outcome outcome, RetrySchedule schedule, java.util.Set<RetryOn> retryOn,
            int chainPosition, Duration retryAfterCap, RandomGenerator random) {
        if (outcome.succeeded()) {
            return new Decision(Verdict.SUCCEEDED, null);
        }
        if (outcome.statusCode() == 410) {
            return new Decision(Verdict.GONE, null);
        }
        if (!RetryOn.covers(retryOn, outcome.statusCode())) {
            return new Decision(Verdict.EXHAUSTED, null);
        }
        Duration delay = schedule.delayBefore(chainPosition + 1, random);
        if (delay == null) {
            return new Decision(Verdict.EXHAUSTED, null);
        }
        Duration asked = outcome.retryAfter();
        if (asked != null && asked.compareTo(delay) > 0) {
            delay = asked.compareTo(retryAfterCap) > 0 ? retryAfterCap : asked;
        }
        return new Decision(Verdict.RETRY, delay);
    }

    /** A {@code Retry-After} value: delay-seconds or an HTTP-date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException tooLarge) {
                return Duration.ofDays(365);
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
