package org.bnkit.check;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeEach
    void captureStdout() {
        saved = System.out;
        System.setOut(new PrintStream(out, true));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(saved);
    }

    @Test
    void aClaimThatHoldsPrintsWhatWasCheckedWithTheNumbers() {
        Claims.greater("final accuracy, BN over plain", 0.97123, 0.9604);
        Claims.atMost("relative error", 3e-9, 1e-7);
        assertEquals("checked: final accuracy, BN over plain (0.9712 > 0.9604)\n"
                + "checked: relative error (3.000e-09 <= 1.000e-07)\n", out.toString());
    }

    @Test
    void aClaimThatFailsThrowsWithTheMeasuredNumbersAndPrintsNothing() {
        ClaimFailedException e = assertThrows(ClaimFailedException.class,
                () -> Claims.less("BN's band moves less", 2.5, 1.25));
        assertEquals("Claim does not hold: BN's band moves less (2.500 < 1.250)", e.getMessage());
        assertEquals("", out.toString());
        assertThrows(ClaimFailedException.class, () -> Claims.between("ratio", 3.0, 0.5, 2.0));
        assertThrows(ClaimFailedException.class, () -> Claims.atLeast("steps", Double.NaN, 1));
    }

    @Test
    void aTallyCountsTheSeedsAndNeedsTheRequiredNumber() {
        assertEquals(2, Claims.tally("BN ahead", new boolean[] {true, false, true}, 2));
        assertEquals("checked: BN ahead (in 2 of 3 seeds; needed 2)\n", out.toString());
        ClaimFailedException e = assertThrows(ClaimFailedException.class,
                () -> Claims.tally("BN ahead", new boolean[] {true, false, false}, 2));
        assertEquals("Claim does not hold: BN ahead (in 1 of 3 seeds; needed 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Claims.tally("x", new boolean[0], 0));
        assertThrows(IllegalArgumentException.class, () -> Claims.tally("x", new boolean[2], 3));
    }

    @Test
    void aTallyThatNeedsNoSeedCannotFailAndIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Claims.tally("BN ahead", new boolean[] {false, false, false}, 0));
        assertTrue(e.getMessage().contains("Claims.count"), e.getMessage());
        assertEquals("", out.toString());
    }

    @Test
    void aCountPrintsTheTallyAndAssertsNothing() {
        assertEquals(0, Claims.count("BN ahead at step 100", new boolean[] {false, false, false}));
        assertEquals(2, Claims.count("BN ahead at step 200", new boolean[] {true, false, true}));
        assertEquals("counted, not asserted: BN ahead at step 100 (in 0 of 3 seeds)\n"
                + "counted, not asserted: BN ahead at step 200 (in 2 of 3 seeds)\n", out.toString());
        assertThrows(IllegalArgumentException.class, () -> Claims.count("x", new boolean[0]));
    }
}
