package dev.herald.capture;

/** A CDI event: JPA saw an entity inserted, updated, removed, or loaded. */
public record EntityChanged(Object entity, Kind kind) {
    public enum Kind { PERSISTED, UPDATED, REMOVED, LOADED }
}
