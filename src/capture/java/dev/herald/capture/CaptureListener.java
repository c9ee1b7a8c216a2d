package dev.herald.capture;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * The JPA side of capture: an entity listener ({@code @EntityListeners(CaptureListener.class)})
 * that turns lifecycle callbacks into {@link EntityChanged} CDI events, observed in the same
 * transaction. JPA instantiates listeners itself, so the event goes through {@code CDI.current()}
 * rather than an injected {@code Event}.
 */
public class CaptureListener {
    @PostPersist
    void persisted(Object entity) {
        fire(entity, EntityChanged.Kind.PERSISTED);
    }

    @PostUpdate
    void updated(Object entity) {
        fire(entity, EntityChanged.Kind.UPDATED);
    }

    @PostRemove
    void removed(Object entity) {
        fire(entity, EntityChanged.Kind.REMOVED);
    }

    @PostLoad
    void loaded(Object entity) {
        if (entity instanceof WebhookRoot) {
            fire(entity, EntityChanged.Kind.LOADED);
        }
    }

    private static void fire(Object entity, EntityChanged.Kind kind) {
        CDI.current().getBeanManager().getEvent().select(EntityChanged.class).fire(new EntityChanged(entity, kind));
    }
}
