package dev.herald.delivery.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The deliveries a message owes without rows of their own, as its {@code destinations} column
 * says: one line per endpoint, {@code index endpointId [urlOverride]}. Ingest writes no delivery
 * row for an endpoint that takes its first attempt at once (not ordered, not paused): the message
 * row names it, the ticket is the claim, and a row is written only when the first attempt does
 * not simply succeed (a failure, a pause, a late start, a resend) or, for a success, later and
 * many at a time ({@link SucceededRows}). {@link RowlessSweep} writes the rows of whatever a crash
 * left unrecorded. A delivery's id is derived from its message's and its index, so every one of
 * those writers names the same row.
 */
public final class Destinations {
    private Destinations() {
    }

    /** One endpoint a message owes, without a row; {@code urlOverride} null for the endpoint's own URL. */
    public record Destination(int index, String endpointId, String urlOverride) {
    }

    /** {@code dlv_<the message's ULID>_<index>}: at most 35 characters, sorted by message. */
    public static String deliveryId(String msgId, int index) {
        return "dlv_" + msgId.substring(msgId.indexOf('_') + 1) + "_" + index;
    }

    /** The column's text, or null when there is none (ids and URLs hold no spaces or line breaks). */
    public static String format(List<Destination> destinations) {
        if (destinations.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder(destinations.size() * 34);
        for (Destination d : destinations) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(d.index()).append(' ').append(d.endpointId());
            if (d.urlOverride() != null) {
                b.append(' ').append(d.urlOverride());
            }
        }
        return b.toString();
    }

    public static List<Destination> parse(String text) {
        List<Destination> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String line : text.split("\n")) {
            String[] f = line.split(" ", 3);
            out.add(new Destination(Integer.parseInt(f[0]), f[1], f.length == 3 ? f[2] : null));
        }
        return out;
    }
}
