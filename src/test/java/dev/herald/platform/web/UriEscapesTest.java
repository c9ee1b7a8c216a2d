package dev.herald.platform.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UriEscapesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/app/50%off/msg", "/%", "/a%2", "/a%zz", "/a%00b", "/a%C3%28", "/a%ff",
            "/ok?x=%zz", "/ok?x=%", "/ok?x=%00"})
    void refusesBrokenEscapes(String target) {
        assertNotNull(UriEscapes.problem(target), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/app", "/api/v1/app/caf%C3%A9", "/a%2Fb", "/a%20b", "/x?limit=5&iterator=%2Dmsg_1",
            "/x?q=%E2%82%AC", "/"})
    void acceptsWellFormedTargets(String target) {
        assertNull(UriEscapes.problem(target), target);
    }
}
