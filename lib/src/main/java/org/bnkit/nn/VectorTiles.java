package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tiles of {@link VectorDenseKernels}' dense product C += A B: each keeps a block of C, a few
 * rows by a few registers of columns, in registers for the whole chain over the inner index q, and
 * per step loads a row of B's block once for all its rows and one entry of A per row. Every entry
 * is one chain of fused multiply-adds over q in increasing order, starting from its value in C (or
 * in {@code from}); the tiles differ in speed only. A[r][q] is {@code a[r * ars + q * acs]}: A
 * itself or its transpose, read in place.
 *
 * <p>Loads, not multiply-adds, are what limits these loops, so a tile is better the fewer loads it
 * makes per multiply-add, up to the 32 registers of AVX-512: on the 60 x 100 x 100 products, 6 rows
 * by 4 registers (10 loads for 24) ran 1.3 times faster than 4 by 4 (8 for 16); 4 by 5 (9 for 20)
 * is as fast as 6 by 4, and 6 by 5 needs more registers than there are (1.4 times slower than 4 by 5).
 *
 * <p><b>Registers.</b> The step of a 6-by-4 tile keeps 29 of the 32 vector registers busy (24
 * sums, 4 registers of B, an entry of A), and HotSpot's C2 also parks in vector registers the
 * integers that do not fit in the 16 general ones. C2 compiled the tile in one of two ways: one
 * kept B's registers on the stack, reloading each one per row and step (seen in the compiled
 * code), and ran three times slower. Under the Serial or Parallel collector (Serial is the JVM's
 * own choice on a machine with one CPU, as on Binder) the Figure-1 step was slow in every JVM timed
 * (16; 518-643 against about 300 us); under G1 in none. The likely reason: the tile stored its
 * sums at the row offsets it had loaded them from ({@code c0}, {@code c1}, ...), so those stayed
 * live through the loop and left too few registers. So the tiles work out their rows' offsets again
 * after the loop ({@code s0}, {@code s1}, ...; the first is the same expression as {@code c0} and
 * C2 keeps one value for both, the others are written so that it does not merge them): in the
 * compilations disassembled since, under Serial, no vector is kept on the stack, and the step under
 * Serial took 0.60 of its time before (0.62 with BN; old and new jar in one JVM, eight alternating
 * pairs), under G1 1.01 and 1.02 (ten pairs: unchanged).
 */
final class VectorTiles {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorTiles() {
    }

    /**
     * Rows [r, r + 6) and columns [j, j + 4L) of C, in place: 24 chains, and per step 4 loads of B
     * and 6 of A for 24 multiply-adds (4 + 4 for 16 in the four-row tile).
     */
    static void sixRowsFourRegisters(double[] a, int ars, int acs, int k, double[] b, int m, double[] c, int r, int j) {
        final int c0 = r * m + j, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m, c4 = c3 + m, c5 = c4 + m;
        DoubleVector t00 = DoubleVector.fromArray(S, c, c0), t01 = DoubleVector.fromArray(S, c, c0 + 1 * L), t02 = DoubleVector.fromArray(S, c, c0 + 2 * L), t03 = DoubleVector.fromArray(S, c, c0 + 3 * L);
        DoubleVector t10 = DoubleVector.fromArray(S, c, c1), t11 = DoubleVector.fromArray(S, c, c1 + 1 * L), t12 = DoubleVector.fromArray(S, c, c1 + 2 * L), t13 = DoubleVector.fromArray(S, c, c1 + 3 * L);
        DoubleVector t20 = DoubleVector.fromArray(S, c, c2), t21 = DoubleVector.fromArray(S, c, c2 + 1 * L), t22 = DoubleVector.fromArray(S, c, c2 + 2 * L), t23 = DoubleVector.fromArray(S, c, c2 + 3 * L);
        DoubleVector t30 = DoubleVector.fromArray(S, c, c3), t31 = DoubleVector.fromArray(S, c, c3 + 1 * L), t32 = DoubleVector.fromArray(S, c, c3 + 2 * L), t33 = DoubleVector.fromArray(S, c, c3 + 3 * L);
        DoubleVector t40 = DoubleVector.fromArray(S, c, c4), t41 = DoubleVector.fromArray(S, c, c4 + 1 * L), t42 = DoubleVector.fromArray(S, c, c4 + 2 * L), t43 = DoubleVector.fromArray(S, c, c4 + 3 * L);
        DoubleVector t50 = DoubleVector.fromArray(S, c, c5), t51 = DoubleVector.fromArray(S, c, c5 + 1 * L), t52 = DoubleVector.fromArray(S, c, c5 + 2 * L), t53 = DoubleVector.fromArray(S, c, c5 + 3 * L);
        final int a0 = r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars, a5 = a4 + ars;
        for (int q = 0; q < k; q++) {
            final int o = q * m + j, aq = q * acs;
            final DoubleVector b0 = DoubleVector.fromArray(S, b, o), b1 = DoubleVector.fromArray(S, b, o + 1 * L), b2 = DoubleVector.fromArray(S, b, o + 2 * L), b3 = DoubleVector.fromArray(S, b, o + 3 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + aq]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            t02 = x.fma(b2, t02);
            t03 = x.fma(b3, t03);
            x = DoubleVector.broadcast(S, a[a1 + aq]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            t12 = x.fma(b2, t12);
            t13 = x.fma(b3, t13);
            x = DoubleVector.broadcast(S, a[a2 + aq]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            t22 = x.fma(b2, t22);
            t23 = x.fma(b3, t23);
            x = DoubleVector.broadcast(S, a[a3 + aq]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            t32 = x.fma(b2, t32);
            t33 = x.fma(b3, t33);
            x = DoubleVector.broadcast(S, a[a4 + aq]);
            t40 = x.fma(b0, t40);
            t41 = x.fma(b1, t41);
            t42 = x.fma(b2, t42);
            t43 = x.fma(b3, t43);
            x = DoubleVector.broadcast(S, a[a5 + aq]);
            t50 = x.fma(b0, t50);
            t51 = x.fma(b1, t51);
            t52 = x.fma(b2, t52);
            t53 = x.fma(b3, t53);
        }
        // the rows' offsets again, not kept from before the loop: see "Registers" in the class comment
        final int s0 = r * m + j, s1 = (r + 1) * m + j, s2 = (r + 2) * m + j, s3 = (r + 3) * m + j, s4 = (r + 4) * m + j, s5 = (r + 5) * m + j;
        t00.intoArray(c, s0);
        t01.intoArray(c, s0 + 1 * L);
        t02.intoArray(c, s0 + 2 * L);
        t03.intoArray(c, s0 + 3 * L);
        t10.intoArray(c, s1);
        t11.intoArray(c, s1 + 1 * L);
        t12.intoArray(c, s1 + 2 * L);
        t13.intoArray(c, s1 + 3 * L);
        t20.intoArray(c, s2);
        t21.intoArray(c, s2 + 1 * L);
        t22.intoArray(c, s2 + 2 * L);
        t23.intoArray(c, s2 + 3 * L);
        t30.intoArray(c, s3);
        t31.intoArray(c, s3 + 1 * L);
        t32.intoArray(c, s3 + 2 * L);
        t33.intoArray(c, s3 + 3 * L);
        t40.intoArray(c, s4);
        t41.intoArray(c, s4 + 1 * L);
        t42.intoArray(c, s4 + 2 * L);
        t43.intoArray(c, s4 + 3 * L);
        t50.intoArray(c, s5);
        t51.intoArray(c, s5 + 1 * L);
        t52.intoArray(c, s5 + 2 * L);
        t53.intoArray(c, s5 + 3 * L);
    }

    /** Rows [r, r + 4) and columns [j, j + 4L) of C, in place. */
    static void fourRowsFourRegisters(double[] a, int ars, int acs, int k, double[] b, int m, double[] c, int r, int j) {
        final int c0 = r * m + j, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        DoubleVector t00 = DoubleVector.fromArray(S, c, c0), t01 = DoubleVector.fromArray(S, c, c0 + 1 * L), t02 = DoubleVector.fromArray(S, c, c0 + 2 * L), t03 = DoubleVector.fromArray(S, c, c0 + 3 * L);
        DoubleVector t10 = DoubleVector.fromArray(S, c, c1), t11 = DoubleVector.fromArray(S, c, c1 + 1 * L), t12 = DoubleVector.fromArray(S, c, c1 + 2 * L), t13 = DoubleVector.fromArray(S, c, c1 + 3 * L);
        DoubleVector t20 = DoubleVector.fromArray(S, c, c2), t21 = DoubleVector.fromArray(S, c, c2 + 1 * L), t22 = DoubleVector.fromArray(S, c, c2 + 2 * L), t23 = DoubleVector.fromArray(S, c, c2 + 3 * L);
        DoubleVector t30 = DoubleVector.fromArray(S, c, c3), t31 = DoubleVector.fromArray(S, c, c3 + 1 * L), t32 = DoubleVector.fromArray(S, c, c3 + 2 * L), t33 = DoubleVector.fromArray(S, c, c3 + 3 * L);
        final int a0 = r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int q = 0; q < k; q++) {
            final int o = q * m + j, aq = q * acs;
            final DoubleVector b0 = DoubleVector.fromArray(S, b, o), b1 = DoubleVector.fromArray(S, b, o + 1 * L), b2 = DoubleVector.fromArray(S, b, o + 2 * L), b3 = DoubleVector.fromArray(S, b, o + 3 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + aq]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            t02 = x.fma(b2, t02);
            t03 = x.fma(b3, t03);
            x = DoubleVector.broadcast(S, a[a1 + aq]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            t12 = x.fma(b2, t12);
            t13 = x.fma(b3, t13);
            x = DoubleVector.broadcast(S, a[a2 + aq]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            t22 = x.fma(b2, t22);
            t23 = x.fma(b3, t23);
            x = DoubleVector.broadcast(S, a[a3 + aq]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            t32 = x.fma(b2, t32);
            t33 = x.fma(b3, t33);
        }
        // the rows' offsets again, not kept from before the loop: see "Registers" in the class comment
        final int s0 = r * m + j, s1 = (r + 1) * m + j, s2 = (r + 2) * m + j, s3 = (r + 3) * m + j;
        t00.intoArray(c, s0);
        t01.intoArray(c, s0 + 1 * L);
        t02.intoArray(c, s0 + 2 * L);
        t03.intoArray(c, s0 + 3 * L);
        t10.intoArray(c, s1);
        t11.intoArray(c, s1 + 1 * L);
        t12.intoArray(c, s1 + 2 * L);
        t13.intoArray(c, s1 + 3 * L);
        t20.intoArray(c, s2);
        t21.intoArray(c, s2 + 1 * L);
        t22.intoArray(c, s2 + 2 * L);
        t23.intoArray(c, s2 + 3 * L);
        t30.intoArray(c, s3);
        t31.intoArray(c, s3 + 1 * L);
        t32.intoArray(c, s3 + 2 * L);
        t33.intoArray(c, s3 + 3 * L);
    }

    /**
     * Rows [r, r + 4) and columns [j, j + 4L) of C, in place, with the last register (columns
     * [last, last + L), overlapping the fourth) as a fifth: all its starting values are read
     * before any is written, so the overlap sees the same chains twice and no copy is needed.
     */
    static void fourRowsFiveRegisters(double[] a, int ars, int acs, int k, double[] b, int m, double[] c, int r, int j, int last) {
        final int c0 = r * m + j, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        final int l0 = r * m + last, l1 = l0 + m, l2 = l1 + m, l3 = l2 + m;
        DoubleVector t00 = DoubleVector.fromArray(S, c, c0), t01 = DoubleVector.fromArray(S, c, c0 + 1 * L), t02 = DoubleVector.fromArray(S, c, c0 + 2 * L), t03 = DoubleVector.fromArray(S, c, c0 + 3 * L);
        DoubleVector t04 = DoubleVector.fromArray(S, c, l0);
        DoubleVector t10 = DoubleVector.fromArray(S, c, c1), t11 = DoubleVector.fromArray(S, c, c1 + 1 * L), t12 = DoubleVector.fromArray(S, c, c1 + 2 * L), t13 = DoubleVector.fromArray(S, c, c1 + 3 * L);
        DoubleVector t14 = DoubleVector.fromArray(S, c, l1);
        DoubleVector t20 = DoubleVector.fromArray(S, c, c2), t21 = DoubleVector.fromArray(S, c, c2 + 1 * L), t22 = DoubleVector.fromArray(S, c, c2 + 2 * L), t23 = DoubleVector.fromArray(S, c, c2 + 3 * L);
        DoubleVector t24 = DoubleVector.fromArray(S, c, l2);
        DoubleVector t30 = DoubleVector.fromArray(S, c, c3), t31 = DoubleVector.fromArray(S, c, c3 + 1 * L), t32 = DoubleVector.fromArray(S, c, c3 + 2 * L), t33 = DoubleVector.fromArray(S, c, c3 + 3 * L);
        DoubleVector t34 = DoubleVector.fromArray(S, c, l3);
        final int a0 = r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int q = 0; q < k; q++) {
            final int o = q * m + j, aq = q * acs;
            final DoubleVector b0 = DoubleVector.fromArray(S, b, o), b1 = DoubleVector.fromArray(S, b, o + 1 * L), b2 = DoubleVector.fromArray(S, b, o + 2 * L), b3 = DoubleVector.fromArray(S, b, o + 3 * L);
            final DoubleVector b4 = DoubleVector.fromArray(S, b, q * m + last);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + aq]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            t02 = x.fma(b2, t02);
            t03 = x.fma(b3, t03);
            t04 = x.fma(b4, t04);
            x = DoubleVector.broadcast(S, a[a1 + aq]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            t12 = x.fma(b2, t12);
            t13 = x.fma(b3, t13);
            t14 = x.fma(b4, t14);
            x = DoubleVector.broadcast(S, a[a2 + aq]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            t22 = x.fma(b2, t22);
            t23 = x.fma(b3, t23);
            t24 = x.fma(b4, t24);
            x = DoubleVector.broadcast(S, a[a3 + aq]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            t32 = x.fma(b2, t32);
            t33 = x.fma(b3, t33);
            t34 = x.fma(b4, t34);
        }
        // the rows' offsets again, not kept from before the loop: see "Registers" in the class comment
        final int s0 = r * m + j, s1 = (r + 1) * m + j, s2 = (r + 2) * m + j, s3 = (r + 3) * m + j;
        final int sl0 = r * m + last, sl1 = (r + 1) * m + last, sl2 = (r + 2) * m + last, sl3 = (r + 3) * m + last;
        t00.intoArray(c, s0);
        t01.intoArray(c, s0 + 1 * L);
        t02.intoArray(c, s0 + 2 * L);
        t03.intoArray(c, s0 + 3 * L);
        t04.intoArray(c, sl0);
        t10.intoArray(c, s1);
        t11.intoArray(c, s1 + 1 * L);
        t12.intoArray(c, s1 + 2 * L);
        t13.intoArray(c, s1 + 3 * L);
        t14.intoArray(c, sl1);
        t20.intoArray(c, s2);
        t21.intoArray(c, s2 + 1 * L);
        t22.intoArray(c, s2 + 2 * L);
        t23.intoArray(c, s2 + 3 * L);
        t24.intoArray(c, sl2);
        t30.intoArray(c, s3);
        t31.intoArray(c, s3 + 1 * L);
        t32.intoArray(c, s3 + 2 * L);
        t33.intoArray(c, s3 + 3 * L);
        t34.intoArray(c, sl3);
    }

    /** Rows [r, r + 4) and columns [j, j + 3L) of C, in place. */
    static void fourRowsThreeRegisters(double[] a, int ars, int acs, int k, double[] b, int m, double[] c, int r, int j) {
        final int c0 = r * m + j, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        DoubleVector t00 = DoubleVector.fromArray(S, c, c0), t01 = DoubleVector.fromArray(S, c, c0 + L), t02 = DoubleVector.fromArray(S, c, c0 + 2 * L);
        DoubleVector t10 = DoubleVector.fromArray(S, c, c1), t11 = DoubleVector.fromArray(S, c, c1 + L), t12 = DoubleVector.fromArray(S, c, c1 + 2 * L);
        DoubleVector t20 = DoubleVector.fromArray(S, c, c2), t21 = DoubleVector.fromArray(S, c, c2 + L), t22 = DoubleVector.fromArray(S, c, c2 + 2 * L);
        DoubleVector t30 = DoubleVector.fromArray(S, c, c3), t31 = DoubleVector.fromArray(S, c, c3 + L), t32 = DoubleVector.fromArray(S, c, c3 + 2 * L);
        final int a0 = r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int q = 0; q < k; q++) {
            final int o = q * m + j, aq = q * acs;
            final DoubleVector b0 = DoubleVector.fromArray(S, b, o), b1 = DoubleVector.fromArray(S, b, o + L), b2 = DoubleVector.fromArray(S, b, o + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + aq]);
            t00 = x.fma(b0, t00);
            t01 = x.fma(b1, t01);
            t02 = x.fma(b2, t02);
            x = DoubleVector.broadcast(S, a[a1 + aq]);
            t10 = x.fma(b0, t10);
            t11 = x.fma(b1, t11);
            t12 = x.fma(b2, t12);
            x = DoubleVector.broadcast(S, a[a2 + aq]);
            t20 = x.fma(b0, t20);
            t21 = x.fma(b1, t21);
            t22 = x.fma(b2, t22);
            x = DoubleVector.broadcast(S, a[a3 + aq]);
            t30 = x.fma(b0, t30);
            t31 = x.fma(b1, t31);
            t32 = x.fma(b2, t32);
        }
        // the rows' offsets again, not kept from before the loop: see "Registers" in the class comment
        final int s0 = r * m + j, s1 = (r + 1) * m + j, s2 = (r + 2) * m + j, s3 = (r + 3) * m + j;
        t00.intoArray(c, s0);
        t01.intoArray(c, s0 + L);
        t02.intoArray(c, s0 + 2 * L);
        t10.intoArray(c, s1);
        t11.intoArray(c, s1 + L);
        t12.intoArray(c, s1 + 2 * L);
        t20.intoArray(c, s2);
        t21.intoArray(c, s2 + L);
        t22.intoArray(c, s2 + 2 * L);
        t30.intoArray(c, s3);
        t31.intoArray(c, s3 + L);
        t32.intoArray(c, s3 + 2 * L);
    }

    /**
     * Rows [r, r + 4) and columns [j, j + L) of C, the chains starting from {@code from} at
     * {@code f}, {@code f + step}, {@code f + 2 step}, {@code f + 3 step}.
     */
    static void fourRowsOneRegister(double[] a, int ars, int acs, int k, double[] b, int m, double[] from, int f, int step,
                                            double[] c, int r, int j) {
        DoubleVector t0 = DoubleVector.fromArray(S, from, f), t1 = DoubleVector.fromArray(S, from, f + step);
        DoubleVector t2 = DoubleVector.fromArray(S, from, f + 2 * step), t3 = DoubleVector.fromArray(S, from, f + 3 * step);
        final int a0 = r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int q = 0; q < k; q++) {
            final int aq = q * acs;
            final DoubleVector bq = DoubleVector.fromArray(S, b, q * m + j);
            t0 = DoubleVector.broadcast(S, a[a0 + aq]).fma(bq, t0);
            t1 = DoubleVector.broadcast(S, a[a1 + aq]).fma(bq, t1);
            t2 = DoubleVector.broadcast(S, a[a2 + aq]).fma(bq, t2);
            t3 = DoubleVector.broadcast(S, a[a3 + aq]).fma(bq, t3);
        }
        final int s0 = r * m + j;
        t0.intoArray(c, s0);
        t1.intoArray(c, s0 + m);
        t2.intoArray(c, s0 + 2 * m);
        t3.intoArray(c, s0 + 3 * m);
    }

    /**
     * Rows [r, r + 12) and columns [j, j + L) of C, the chains starting from {@code from} at
     * {@code f}, {@code f + step}, ..., {@code f + 11 step}: twelve chains, enough to keep the
     * multiply-adds busy while each waits about 4 cycles for its previous result (three passes of
     * {@link #fourRowsOneRegister} wait on theirs; narrow products, such as the output layer's 10
     * columns, are made of such passes).
     */
    static void twelveRowsOneRegister(double[] a, int ars, int acs, int k, double[] b, int m, double[] from, int f, int step,
                                      double[] c, int r, int j) {
        DoubleVector t0 = DoubleVector.fromArray(S, from, f + 0 * step), t1 = DoubleVector.fromArray(S, from, f + 1 * step), t2 = DoubleVector.fromArray(S, from, f + 2 * step), t3 = DoubleVector.fromArray(S, from, f + 3 * step);
        DoubleVector t4 = DoubleVector.fromArray(S, from, f + 4 * step), t5 = DoubleVector.fromArray(S, from, f + 5 * step), t6 = DoubleVector.fromArray(S, from, f + 6 * step), t7 = DoubleVector.fromArray(S, from, f + 7 * step);
        DoubleVector t8 = DoubleVector.fromArray(S, from, f + 8 * step), t9 = DoubleVector.fromArray(S, from, f + 9 * step), t10 = DoubleVector.fromArray(S, from, f + 10 * step), t11 = DoubleVector.fromArray(S, from, f + 11 * step);
        final int a0 = r * ars;
        for (int q = 0; q < k; q++) {
            final int aq = q * acs;
            final DoubleVector bq = DoubleVector.fromArray(S, b, q * m + j);
            t0 = DoubleVector.broadcast(S, a[a0 + 0 * ars + aq]).fma(bq, t0);
            t1 = DoubleVector.broadcast(S, a[a0 + 1 * ars + aq]).fma(bq, t1);
            t2 = DoubleVector.broadcast(S, a[a0 + 2 * ars + aq]).fma(bq, t2);
            t3 = DoubleVector.broadcast(S, a[a0 + 3 * ars + aq]).fma(bq, t3);
            t4 = DoubleVector.broadcast(S, a[a0 + 4 * ars + aq]).fma(bq, t4);
            t5 = DoubleVector.broadcast(S, a[a0 + 5 * ars + aq]).fma(bq, t5);
            t6 = DoubleVector.broadcast(S, a[a0 + 6 * ars + aq]).fma(bq, t6);
            t7 = DoubleVector.broadcast(S, a[a0 + 7 * ars + aq]).fma(bq, t7);
            t8 = DoubleVector.broadcast(S, a[a0 + 8 * ars + aq]).fma(bq, t8);
            t9 = DoubleVector.broadcast(S, a[a0 + 9 * ars + aq]).fma(bq, t9);
            t10 = DoubleVector.broadcast(S, a[a0 + 10 * ars + aq]).fma(bq, t10);
            t11 = DoubleVector.broadcast(S, a[a0 + 11 * ars + aq]).fma(bq, t11);
        }
        final int s0 = r * m + j;
        t0.intoArray(c, s0 + 0 * m);
        t1.intoArray(c, s0 + 1 * m);
        t2.intoArray(c, s0 + 2 * m);
        t3.intoArray(c, s0 + 3 * m);
        t4.intoArray(c, s0 + 4 * m);
        t5.intoArray(c, s0 + 5 * m);
        t6.intoArray(c, s0 + 6 * m);
        t7.intoArray(c, s0 + 7 * m);
        t8.intoArray(c, s0 + 8 * m);
        t9.intoArray(c, s0 + 9 * m);
        t10.intoArray(c, s0 + 10 * m);
        t11.intoArray(c, s0 + 11 * m);
    }

    /** Row r and columns [j, j + L) of C, the chains starting from {@code from} at {@code f}. */
    static void oneRowOneRegister(double[] a, int ars, int acs, int k, double[] b, int m, double[] from, int f, double[] c, int r, int j) {
        DoubleVector t = DoubleVector.fromArray(S, from, f);
        final int a0 = r * ars;
        for (int q = 0; q < k; q++) {
            t = DoubleVector.broadcast(S, a[a0 + q * acs]).fma(DoubleVector.fromArray(S, b, q * m + j), t);
        }
        t.intoArray(c, r * m + j);
    }
}
