package dev.herald.capture;

/**
 * Talview's two spellings of one event, as Herald's filters match them: subscription keys are
 * dot-separated ({@code can.candidate.created}), event types underscore-separated
 * ({@code can_candidate_created}). Plain Java. Capture itself (which names the events) is the
 * {@code herald-capture} library now; this rule stays in the server because ingest and the test
 * send match endpoint filters with it.
 */
public final class EventNames {
    private EventNames() {
    }

    /**
     * One name for both spellings: dots become underscores, so the subscription key
     * {@code ae.test_instance.updated} and the event type {@code ae_test_instance_updated} meet.
     * (The reverse cannot be computed: an object name may itself hold underscores.)
     */
    public static String canonical(String name) {
        return name.replace('.', '_');
    }

    /** Whether a filter entry, in either spelling, names this event type. */
    public static boolean sameEvent(String filterEntry, String eventType) {
        return filterEntry.equals(eventType) || canonical(filterEntry).equals(canonical(eventType));
    }
}
