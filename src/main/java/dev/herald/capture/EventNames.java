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

    /** {@code can.candidate.created} for {@code can_candidate_created}: the other spelling. */
    public static String otherSpelling(String name) {
        if (name.indexOf('.') >= 0) {
            return name.replace('.', '_');
        }
        return name.replace('_', '.');
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
