package dev.herald.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicInteger loads = new AtomicInteger();
    private final List<Runnable> background = new ArrayList<>();
    private String stored = "v1";
    private final Views<String, String> views = new Views<>(k -> {
        loads.incrementAndGet();
        return stored == null ? null : k + ":" + stored;
    }, background::add, generation::get, clock::get, 1000, 100);

    @Test
    void aViewIsLoadedOnceAndThenServedFromMemory() {
        assertEquals("a:v1", views.get("a"));
        stored = "v2";
        assertEquals("a:v1", views.get("a"));
        assertEquals(1, loads.get());
        assertEquals(0, background.size());
    }

    @Test
    void aChangeOnThisInstanceIsSeenAtTheNextLookUpOnTheCallersThread() {
        views.get("a");
        stored = "v2";
        generation.incrementAndGet();
        assertEquals("a:v2", views.get("a"));
        assertEquals(0, background.size());
    }

    @Test
    void anOldViewIsStillAnsweredWhileOneReloadRunsInTheBackground() {
        views.get("a");
        stored = "v2";
        clock.addAndGet(1000);
        assertEquals("a:v1", views.get("a"));
        assertEquals("a:v1", views.get("a"));
        assertEquals(1, background.size(), "many callers noticing the age start one reload");
        background.remove(0).run();
        assertEquals("a:v2", views.get("a"));
        assertEquals(2, loads.get());
        clock.addAndGet(500);
        views.get("a");
        assertEquals(0, background.size(), "the reloaded view is young again");
    }

    @Test
    void noneIsNotKeptAndAViewThatGoesAwayIsForgotten() {
        stored = null;
        assertNull(views.get("a"));
        assertNull(views.get("a"));
        assertEquals(2, loads.get());
        stored = "v1";
        views.get("b");
        stored = null;
        clock.addAndGet(1000);
        views.get("b");
        background.remove(0).run();
        assertNull(views.get("b"));
    }

    @Test
    void aViewLoadedElsewhereIsKeptAsOfItsGeneration() {
        long before = generation.get();
        generation.incrementAndGet(); // a change while the other query ran
        views.put("c", "c:old", before);
        assertEquals("c:v1", views.get("c"), "loaded before the change: not used");
        views.put("d", "d:given", generation.get());
        assertEquals("d:given", views.get("d"));
    }
}
