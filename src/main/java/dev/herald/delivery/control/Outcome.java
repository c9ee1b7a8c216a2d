package dev.herald.delivery.control;

import java.time.Duration;

/**
 * What one HTTP attempt got back. {@code statusCode} 0 means no HTTP answer at all;
 * {@code retryAfter} is the receiver's {@code Retry-After}, when it sent one.
 */
public record Outcome(int statusCode, String response, long durationMs, Duration retryAfter) {
    public Outcome(int statusCode, String response, long durationMs) {
        this(statusCode, response, durationMs, null);
    }

    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }

    public static Outcome noAnswer(String error, long durationMs) {
        return new Outcome(0, error, durationMs, null);
    }
}
