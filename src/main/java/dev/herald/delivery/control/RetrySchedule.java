package dev.herald.delivery.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When to try again, as data: the delay before each attempt, the first usually zero. The number
 * of delays is the maximum number of attempts. A jitter of ±20 % spreads retries of a burst.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
    /** Svix's schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
    public static final String DEFAULT = "0,5,300,1800,7200,18000,36000,36000";
    static final int MAX_ATTEMPTS = 50;
    static final Duration MAX_DELAY = Duration.ofDays(7);

    public RetrySchedule {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one attempt");
        }
        delays = List.copyOf(delays);
    }

    /** Parses comma-separated delays in seconds, e.g. {@code 0,2,4}. */
    public static RetrySchedule parse(String seconds, double jitter) {
        List<Duration> delays = new ArrayList<>();
        for (String part : seconds.split(",")) {
            long s = Long.parseLong(part.trim());
            if (s < 0) {
                throw new IllegalArgumentException("negative delay in retry schedule: " + seconds);
            }
            delays.add(Duration.ofSeconds(s));
        }
        return new RetrySchedule(delays, jitter);
    }

    /** The comma-separated seconds this schedule was parsed from (jitter aside). */
    public String toText() {
        StringBuilder b = new StringBuilder();
        for (Duration d : delays) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(d.toSeconds());
        }
        return b.toString();
    }

    /** The stored form ("0,2,4") of delays in seconds. */
    public static String text(List<Long> seconds) {
        StringBuilder b = new StringBuilder();
        for (long s : seconds) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(s);
        }
        return b.toString();
    }

    /** The delays in seconds of a stored schedule, or null. */
    public static List<Long> seconds(String text) {
        if (text == null) {
            return null;
        }
        List<Long> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            values.add(Long.parseLong(part.trim()));
        }
        return values;
    }

    /**
     * Reads a schedule field of an API request (an array of seconds): its stored form, or null
     * when absent; an unacceptable one is recorded as that field's error.
     */
    public static String readField(dev.herald.platform.json.Fields fields, String name) {
        List<Long> seconds = fields.optionalIntegerList(name, MAX_ATTEMPTS);
        if (seconds == null) {
            return null;
        }
        String problem = problemWith(seconds);
        if (problem != null) {
            fields.error(name, problem, "value_error");
            return null;
        }
        return text(seconds);
    }

    /** Why a schedule given through the API or JMX is unacceptable, or null. */
    public static String problemWith(List<Long> seconds) {
        if (seconds.isEmpty() || seconds.size() > MAX_ATTEMPTS) {
            return "must list between 1 and " + MAX_ATTEMPTS + " delays";
        }
        for (long s : seconds) {
            if (s < 0 || s > MAX_DELAY.toSeconds()) {
                return "delays must be between 0 and " + MAX_DELAY.toSeconds() + " seconds";
            }
        }
        return null;
    }

    public int maxAttempts() {
        return delays.size();
    }

    /**
     * JMX's {@code MaxAttempts}: the same schedule cut to {@code attempts}, or extended by
     * repeating its last delay (so the backoff an operator set stays as it was).
     */
    public RetrySchedule withMaxAttempts(int attempts) {
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("max attempts must be between 1 and " + MAX_ATTEMPTS);
        }
        List<Duration> next = new ArrayList<>(delays.subList(0, Math.min(attempts, delays.size())));
        while (next.size() < attempts) {
            next.add(delays.get(delays.size() - 1));
        }
        return new RetrySchedule(next, jitter);
    }

    /** JMX's {@code RedeliveryDelay}: the delay before the first retry (0 when there is no retry). */
    public Duration redeliveryDelay() {
        return delays.size() > 1 ? delays.get(1) : Duration.ZERO;
    }

    /**
     * JMX's {@code RedeliveryDelay} set: every retry after this fixed delay, as a JMS redelivery
     * policy has it; the first attempt and the number of attempts stay.
     */
    public RetrySchedule withRedeliveryDelay(Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("the delay must be between 0 and " + MAX_DELAY.toSeconds() + " seconds");
        }
        List<Duration> next = new ArrayList<>(delays.size());
        next.add(delays.get(0));
        while (next.size() < delays.size()) {
            next.add(delay);
        }
        return new RetrySchedule(next, jitter);
    }

    /**
     * The delay before attempt {@code next} (1-based), or null when {@code next} exceeds the
     * schedule: the delivery is exhausted.
     */
    public Duration delayBefore(int next, RandomGenerator random) {
        if (next < 1 || next > delays.size()) {
            return null;
        }
        Duration base = delays.get(next - 1);
        if (base.isZero() || jitter == 0) {
            return base;
        }
        double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

}
