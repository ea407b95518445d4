package dev.springipc.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The per-message order check of the batch forms. */
class SeqTests {

    @Test
    void aNumberFollowsItsPredecessorOrEndsTheStream() {
        assertEquals(0, Seq.following(-1, 0));
        assertEquals(42, Seq.following(41, 42));
        assertEquals(RingDuel.END, Seq.following(42, RingDuel.END));
    }

    @Test
    void aGapOrARepeatFailsNamingBoth() {
        IllegalStateException gap = assertThrows(IllegalStateException.class, () -> Seq.following(41, 43));
        assertEquals("message 43 arrived after 41", gap.getMessage());
        assertThrows(IllegalStateException.class, () -> Seq.following(41, 41));
    }
}
