package dev.herald.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A channel filter matches the channel's own characters: {@code _} and {@code %} are no wildcards there. */
class LikeLiteralTest {
    @Test
    void wildcardsAndTheEscapeItselfAreEscaped() {
        assertEquals("\"project!_1\"", MessagesResource.likeLiteral("\"project_1\""));
        assertEquals("!%!!", MessagesResource.likeLiteral("%!"));
        assertEquals("plain.name-1", MessagesResource.likeLiteral("plain.name-1"));
    }
}
