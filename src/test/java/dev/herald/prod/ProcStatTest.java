package dev.herald.prod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void readsTheTimesAfterANameWithSpacesAndParentheses() {
        ProcStat.Times t = ProcStat.parse("4711 (C2 CompilerThre) S 1 1 1 0 -1 4194368 0 0 0 0 1234 56 7 8 20 0 1 0");
        assertEquals("C2 CompilerThre", t.name());
        assertEquals(1290, t.ticks());
        assertEquals(15, t.reapedChildrenTicks());
        ProcStat.Times odd = ProcStat.parse("12 (a) (b)) R 1 1 1 0 -1 0 0 0 0 0 3 4 5 6 20 0 1 0");
        assertEquals("a) (b)", odd.name());
        assertEquals(7, odd.ticks());
    }

    @Test
    void aGoneProcessReadsAsNull() {
        assertNull(ProcStat.read(java.nio.file.Path.of("/proc", "999999999", "stat")));
    }
}
