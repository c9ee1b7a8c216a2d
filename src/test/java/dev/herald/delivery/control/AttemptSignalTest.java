package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.delivery.control.AttemptSignal.Kind;
import dev.herald.delivery.control.RetryPolicy.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptSignalTest {

    @Test
    void failingIsSaidOnceAtTheFourthFailureThatWillBeRetried() {
        assertEquals(Optional.empty(), AttemptSignal.kindOf(Verdict.RETRY, 3));
        assertEquals(Optional.of(Kind.FAILING), AttemptSignal.kindOf(Verdict.RETRY, 4));
        assertEquals(Optional.empty(), AttemptSignal.kindOf(Verdict.RETRY, 5));
    }

    @Test
    void exhaustedAtTheEndOfTheScheduleOrOnA410() {
        assertEquals(Optional.of(Kind.EXHAUSTED), AttemptSignal.kindOf(Verdict.EXHAUSTED, 1));
        assertEquals(Optional.of(Kind.EXHAUSTED), AttemptSignal.kindOf(Verdict.GONE, 2));
    }

    @Test
    void recoveredOnlyAfterItWasSaidToBeFailing() {
        assertEquals(Optional.empty(), AttemptSignal.kindOf(Verdict.SUCCEEDED, 1));
        assertEquals(Optional.empty(), AttemptSignal.kindOf(Verdict.SUCCEEDED, 4));
        assertEquals(Optional.of(Kind.RECOVERED), AttemptSignal.kindOf(Verdict.SUCCEEDED, 5));
    }
}
