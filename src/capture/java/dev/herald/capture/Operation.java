package dev.herald.capture;

/** The only three things that happen to a root, as webhooks tell it. */
public enum Operation {
    CREATED, UPDATED, DELETED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
