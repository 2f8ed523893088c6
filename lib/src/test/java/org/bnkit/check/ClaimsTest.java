package org.bnkit.check;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
