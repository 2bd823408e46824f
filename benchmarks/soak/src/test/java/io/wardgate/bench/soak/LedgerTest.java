package io.wardgate.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The soak's checker must itself fail on every kind of loss or doubling it claims to detect. */
class LedgerTest {
    private static final String BED = "local:bench-001";

    private static Ledger complete(int envelopes) {
        Ledger ledger = new Ledger();
        ledger.stored(BED, 3, envelopes - 1);
        for (int i = 0; i < envelopes; i++) {
            ledger.accepted(BED, 3, i);
        }
        return ledger;
    }

    @Test
    void everyStoredEnvelopeAcceptedOncePasses() {
        Ledger ledger = complete(10);
        ledger.stored("local:bench-002", 4, 0);
        ledger.accepted("local:bench-002", 4, 0);
        Ledger.Verdict verdict = ledger.verdict();
        assertTrue(verdict.passed(), verdict.toString());
        assertEquals(11, verdict.stored());
        assertTrue(ledger.caughtUp());
    }

    @Test
    void aGapInsideWhatArrivedFails() {
        Ledger ledger = new Ledger();
        ledger.stored(BED, 3, 4);
        for (int i : new int[] {0, 1, 3, 4}) {
            ledger.accepted(BED, 3, i);
        }
        Ledger.Verdict verdict = ledger.verdict();
        assertFalse(verdict.passed());
        assertEquals(1, verdict.gaps());
        assertEquals(0, verdict.lostTail());
        assertTrue(verdict.examples().contains("gap " + BED + "@3#2"), verdict.examples().toString());
        assertFalse(ledger.caughtUp());
    }

    @Test
    void aLostTailFails() {
        Ledger ledger = new Ledger();
        ledger.stored(BED, 3, 5);
        for (int i = 0; i < 4; i++) {
            ledger.accepted(BED, 3, i);
        }
        Ledger.Verdict verdict = ledger.verdict();
        assertFalse(verdict.passed());
        assertEquals(0, verdict.gaps());
        assertEquals(2, verdict.lostTail());
    }

    @Test
    void aStreamThatNeverArrivedFails() {
        Ledger ledger = complete(3);
        ledger.stored(BED, 4, 0);
        Ledger.Verdict verdict = ledger.verdict();
        assertFalse(verdict.passed());
        assertEquals(1, verdict.lostTail());
    }

    @Test
    void anEnvelopeAcceptedTwiceFails() {
        Ledger ledger = complete(3);
        ledger.accepted(BED, 3, 1);
        Ledger.Verdict verdict = ledger.verdict();
        assertFalse(verdict.passed());
        assertEquals(1, verdict.duplicates());
        assertTrue(verdict.examples().contains("duplicate " + BED + "@3#1"), verdict.examples().toString());
    }

    @Test
    void theSameSequenceInAnotherEpochIsNoDuplicate() {
        Ledger ledger = complete(2);
        ledger.stored(BED, 4, 1);
        ledger.accepted(BED, 4, 0);
        ledger.accepted(BED, 4, 1);
        assertTrue(ledger.verdict().passed());
    }

    @Test
    void anAcceptedEnvelopeTheOutboxNeverRecordedFails() {
        Ledger ledger = complete(3);
        ledger.accepted(BED, 3, 3);
        ledger.accepted("local:bench-009", 1, 0);
        Ledger.Verdict verdict = ledger.verdict();
        assertFalse(verdict.passed());
        assertEquals(2, verdict.unrecorded());
    }

    @Test
    void anOutboxRecordThatGoesDownFails() {
        Ledger ledger = complete(5);
        ledger.stored(BED, 3, 2);
        Ledger.Verdict verdict = ledger.verdict();
        assertFalse(verdict.passed());
        assertEquals(1, verdict.decreases());
    }

    @Test
    void nothingStoredIsNoPass() {
        assertFalse(new Ledger().verdict().passed());
    }

    @Test
    void sequencesOutOfRangeAreRefused() {
        Ledger ledger = new Ledger();
        assertThrows(IllegalArgumentException.class, () -> ledger.accepted(BED, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> ledger.stored(BED, 0, Integer.MAX_VALUE));
    }
}
