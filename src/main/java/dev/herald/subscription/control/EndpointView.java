package dev.herald.subscription.control;

import dev.herald.capture.EventNames;
import dev.herald.contract.EndpointContract;
import dev.herald.platform.json.JsonText;
import dev.herald.subscription.entity.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What delivery needs of an endpoint, detached and with its secrets already opened and its
 * contract parsed: read once and kept in memory ({@link EndpointViews}) instead of loaded and
 * decrypted for every message and attempt.
 *
 * @param retrySchedule the endpoint's own schedule text, else its application's, else null
 */
public record EndpointView(String id, String appId, String url, Set<String> filterTypes, Set<String> channels,
        boolean disabled, boolean paused, String secret, String previousSecret, Instant previousSecretUntil,
        EndpointContract contract, String retrySchedule) {

    public static EndpointView of(Endpoint e) {
        String schedule = e.getRetrySchedule() != null ? e.getRetrySchedule() : e.getApp().getRetrySchedule();
        return new EndpointView(e.getId(), e.getApp().getId(), e.getUrl(), JsonText.toSet(e.getFilterTypes()),
                JsonText.toSet(e.getChannels()), e.isDisabled(), e.isPaused(), e.getSecret(), e.getPreviousSecret(),
                e.getPreviousSecretUntil(), e.getContract(), schedule);
    }

    /** The secrets to sign with at {@code now}: the current one first, then the previous while valid. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    /** Svix's rule: no filter means every type; channels must intersect when the endpoint has any. */
    public boolean matches(String eventType, Set<String> messageChannels) {
        // Talview's two spellings name one event: can.candidate.created subscribes to can_candidate_created
        if (filterTypes != null && !filterTypes.isEmpty() && !filterTypes.contains(eventType)
                && filterTypes.stream().noneMatch(f -> EventNames.sameEvent(f, eventType))) {
            return false;
        }
        if (channels == null || channels.isEmpty()) {
            return true;
        }
        return messageChannels != null && messageChannels.stream().anyMatch(channels::contains);
    }

    /**
     * Whether the filter names the event type: a {@code "*"} URL override (a per-object URL,
     * like TalentSprout's per-interview one) replaces the URL of endpoints subscribed to that
     * event by name, never of a catch-all endpoint (an archive, a CRM sync of everything).
     */
    public boolean namesEventType(String eventType) {
        return filterTypes != null && filterTypes.stream().anyMatch(f -> EventNames.sameEvent(f, eventType));
    }
}
