package dev.herald.capture;

/**
 * Talview's naming: subscription keys are dot-separated ({@code can.candidate.created}), event
 * types underscore-separated ({@code can_candidate_created}). Plain Java.
 */
public final class EventNames {
    private EventNames() {
    }

    public static String eventType(Class<?> root, Operation operation) {
        WebhookObject object = annotation(root);
        return object.service() + "_" + object.name() + "_" + operation.word();
    }

    public static String subscriptionKey(Class<?> root, Operation operation) {
        WebhookObject object = annotation(root);
        return object.service() + "." + object.name() + "." + operation.word();
    }

    /**
     * One name for both of Talview's spellings: dots become underscores, so the subscription key
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

    /** The {@code svc.object} type name of a root, as snapshots are filed. */
    public static String rootType(Class<?> root) {
        WebhookObject object = annotation(root);
        return object.service() + "." + object.name();
    }

    public static WebhookObject annotation(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            WebhookObject object = c.getAnnotation(WebhookObject.class);
            if (object != null) {
                return object;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not annotated @WebhookObject");
    }
}
