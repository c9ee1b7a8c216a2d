package dev.herald.delivery.control;

/** What one HTTP attempt got back. {@code statusCode} 0 means no HTTP answer at all. */
public record Outcome(int statusCode, String response, long durationMs) {
    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }

    public static Outcome noAnswer(String error, long durationMs) {
        return new Outcome(0, error, durationMs);
    }
}
