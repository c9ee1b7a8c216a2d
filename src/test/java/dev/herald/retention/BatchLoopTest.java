package dev.herald.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLoopTest {
    /** A table of {@code rows} rows that deletes up to the asked number per call. */
    private static List<Integer> purge(int rows, int batchSize) {
        int[] left = {rows};
        List<Integer> committed = new ArrayList<>();
        BatchLoop.run(batchSize, max -> {
            int n = Math.min(max, left[0]);
            left[0] -= n;
            return n;
        }, committed::add);
        assertEquals(0, left[0], "everything old enough is gone");
        return committed;
    }

    @Test
    void deletesInBatchesUntilOneComesBackShort() {
        assertEquals(List.of(2, 2, 1), purge(5, 2));
    }

    @Test
    void anExactMultipleTakesOneEmptyBatchToNotice() {
        assertEquals(List.of(2, 2, 0), purge(4, 2));
    }

    @Test
    void nothingToDeleteIsOneEmptyBatch() {
        assertEquals(List.of(0), purge(0, 1000));
    }

    @Test
    void rowsThatCannotBeDeletedEndTheRunInsteadOfSpinning() {
        // the select keeps finding 3 rows, but a resend meanwhile keeps one of them
        List<Integer> committed = new ArrayList<>();
        BatchLoop.run(3, max -> 2, committed::add);
        assertEquals(List.of(2), committed);
    }

    @Test
    void aFailingBatchKeepsTheCountOfThoseCommittedBefore() {
        List<Integer> committed = new ArrayList<>();
        int[] calls = {0};
        assertThrows(IllegalStateException.class, () -> BatchLoop.run(2, max -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("database gone");
            }
            return 2;
        }, committed::add));
        assertEquals(List.of(2, 2), committed);
    }
}
