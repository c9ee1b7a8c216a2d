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

    public int maxAttempts() {
        return delays.size();
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

    /** Network errors, timeouts, 5xx, 408 and 429 are worth another try; other answers are final. */
    public static boolean isRetryable(int statusCode) {
        return statusCode == 0 || statusCode >= 500 || statusCode == 408 || statusCode == 429;
    }
}
