package dev.herald.message.control;

/** Payload size limits: the server's (configurable), an application's own, and a hard ceiling. */
public final class MessageLimits {
    /** The payload column holds at most this much; no configuration goes beyond it. */
    public static final int HARD_MAX_PAYLOAD_BYTES = 1_000_000;

    private MessageLimits() {
    }

    /** The limit for one application: its own when set, else the server's, never above the ceiling. */
    public static int maxPayloadBytes(Integer appLimit, int serverLimit) {
        int limit = appLimit != null ? appLimit : serverLimit;
        return Math.min(limit, HARD_MAX_PAYLOAD_BYTES);
    }
}
