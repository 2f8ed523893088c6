package org.bnkit.nn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SparseInputTest {

    /**
     * rowsOf skips groups of four zeros and writes the other groups without a branch: whatever
     * the row's width (tails of 0 to 3 entries), wherever its zeros fall, and whatever their sign,
     * it must list exactly the entries with {@code v != 0.0}, in order.
     */
    @Test
    void rowsListExactlyTheNonZeroEntriesInOrder() {
        Random rng = new Random(31);
        double[] kinds = {0.0, -0.0, 1.0, -2.5, Double.MIN_VALUE, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY};
        for (int d = 1; d <= 13; d++) {
            for (double zeroShare : new double[] {0.0, 0.5, 0.87, 1.0}) {
                int n = 7;
                double[] x = new double[n * d];
                for (int e = 0; e < x.length; e++) {
                    x[e] = rng.nextDouble() < zeroShare ? (rng.nextBoolean() ? 0.0 : -0.0) : kinds[rng.nextInt(kinds.length)];
                }
                SparseInput s = new SparseInput();
                s.rowsOf(x, n, d);
                for (int r = 0; r < n; r++) {
                    List<String> expected = new ArrayList<>(), got = new ArrayList<>();
                    for (int i = 0; i < d; i++) {
                        if (x[r * d + i] != 0.0) {
                            expected.add(i + ":" + Double.doubleToRawLongBits(x[r * d + i]));
                        }
                    }
                    for (int p = s.rowStart[r]; p < s.rowEnd[r]; p++) {
                        got.add(s.rowIndex[p] + ":" + Double.doubleToRawLongBits(s.rowValue[p]));
                    }
                    assertEquals(expected, got, "d=" + d + ", zero share " + zeroShare + ", row " + r);
                    assertEquals(r == 0 ? 0 : s.rowEnd[r - 1], s.rowStart[r], "rows follow each other");
                }
            }
        }
    }
}
