package dev.herald.capture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Which Herald application (tenant) a root's events go to: the one configured for the root's
 * type ({@code herald.capture.application.can.candidate=hr}), else the root's own
 * {@code tenantId()}, else the one configured for every root ({@code herald.capture.application}).
 * A multi-tenant application returns its tenant; a single-tenant one configures one name.
 */
@ApplicationScoped
public class ApplicationRouting {
    static final String KEY = "herald.capture.application";

    @Inject
    Config config;

    public String applicationFor(WebhookRoot root) {
        return choose(config.getOptionalValue(KEY + "." + typeName(root.getClass()), String.class).orElse(null),
                root.tenantId(), config.getOptionalValue(KEY, String.class).orElse(null));
    }

    /** Plain Java, for the test: the first of these that is set. */
    static String choose(String forType, String tenant, String fallback) {
        for (String candidate : new String[] {forType, tenant, fallback}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code svc.object} for annotated roots; the entity's simple name for lifecycle roots. */
    static String typeName(Class<?> type) {
        WebhookObject object = EventTypes.annotationOrNull(type);
        return object != null ? object.service() + "." + object.name()
                : ChangeSet.Key.entityClass(type).getSimpleName();
    }
}
