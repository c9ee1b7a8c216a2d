package dev.herald.capture;

/**
 * Talview's naming of a root's events: subscription keys dot-separated
 * ({@code can.candidate.created}), event types underscore-separated ({@code can_candidate_created}).
 * Plain Java.
 */
public final class EventTypes {
    private EventTypes() {
    }

    public static String eventType(Class<?> root, Operation operation) {
        WebhookObject object = annotation(root);
        return object.service() + "_" + object.name() + "_" + operation.word();
    }

    public static String subscriptionKey(Class<?> root, Operation operation) {
        WebhookObject object = annotation(root);
        return object.service() + "." + object.name() + "." + operation.word();
    }

    /** The {@code svc.object} type name of a root, as snapshots are filed and applications configured. */
    public static String rootType(Class<?> root) {
        WebhookObject object = annotation(root);
        return object.service() + "." + object.name();
    }

    /** The annotation on the class or a superclass (a JPA provider's proxy subclasses the entity). */
    public static WebhookObject annotationOrNull(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            WebhookObject object = c.getAnnotation(WebhookObject.class);
            if (object != null) {
                return object;
            }
        }
        return null;
    }

    public static WebhookObject annotation(Class<?> type) {
        WebhookObject object = annotationOrNull(type);
        if (object == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated @WebhookObject");
        }
        return object;
    }
}
