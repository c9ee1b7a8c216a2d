package dev.herald.delivery.entity;

/** Where one message stands for one endpoint. */
public enum DeliveryStatus {
    PENDING, SENDING, SUCCEEDED, FAILED_WILL_RETRY, EXHAUSTED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == EXHAUSTED;
    }
}
