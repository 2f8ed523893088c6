package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two implementations of BatchNorm's loops: each equals its defining formula element by
 * element, both give the same bits, and a JVM started without the Vector API falls back to the
 * plain loops with the same results.
 */
class BatchNormKernelsTest {
    /** Widths around the register length (8 doubles with AVX-512, 4 with AVX2) and the kit's own. */
    private static final int[] WIDTHS = {1, 3, 4, 5, 8, 9, 17, 100, 1027};
    private static final int[] ROWS = {2, 3, 4, 5, 7, 8, 9, 16, 17, 60};

    private static List<BatchNormKernels> implementations(int width) {
        return List.of(new ScalarBatchNormKernels(width), new VectorBatchNormKernels());
    }

    private static double[] random(Random rng, int length, double mean, double std) {
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = mean + std * rng.nextGaussian();
        }
        return a;
    }

    @Test
    void testsRunWithTheVectorApiOnceItIsWarm() throws InterruptedException {
        assertTrue(BatchNormKernels.vectorApiPresent(),
                "surefire starts the test JVM with --add-modules jdk.incubator.vector (lib/pom.xml), so that tests run the Vector API loops");
        assertTrue(Kernels.awaitVectorLoops(Duration.ofSeconds(60)), "the Vector API loops did not warm up in 60 s");
        assertTrue(Kernels.describe().startsWith("Vector API"), Kernels.describe());
    }

    @Test
    void eachLoopEqualsItsFormulaInBothImplementations() {
        Random rng = new Random(11);
        for (int w : WIDTHS) {
            for (int n : ROWS) {
                double[] x = random(rng, n * w, 3, 2), g = random(rng, n * w, 0, 1);
                double[] p = random(rng, w, 3, 1), q = random(rng, w, 1, 0.5), s = random(rng, w, 0, 1), t = random(rng, w, 0, 1);
                for (BatchNormKernels kernels : implementations(w)) {
                    String where = kernels.description() + ", n=" + n + ", w=" + w;
                    double[] s1 = random(new Random(1), w, 0, 1), s2 = random(new Random(2), w, 0, 1);
                    double[] e1 = s1.clone(), e2 = s2.clone();
                    kernels.shiftedSums(x, n, w, p, s1, s2);
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < w; k++) {
                            double d = x[i * w + k] - p[k];
                            e1[k] += d;
                            e2[k] += d * d;
                        }
                    }
                    assertArrayEquals(e1, s1, 0.0, "shiftedSums s1, " + where);
                    assertArrayEquals(e2, s2, 0.0, "shiftedSums s2, " + where);

                    double[] y = new double[n * w], ey = new double[n * w];
                    kernels.affine(x, y, n, w, p, q, s);
                    for (int i = 0; i < n * w; i++) {
                        ey[i] = (x[i] - p[i % w]) * q[i % w] + s[i % w];
                    }
                    assertArrayEquals(ey, y, 0.0, "affine, " + where);

                    double[] sumG = new double[w], sumGX = new double[w], eG = new double[w], eGX = new double[w];
                    kernels.gradientSums(g, x, n, w, p, sumG, sumGX);
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < w; k++) {
                            eG[k] += g[i * w + k];
                            eGX[k] += g[i * w + k] * (x[i * w + k] - p[k]);
                        }
                    }
                    assertArrayEquals(eG, sumG, 0.0, "gradientSums sumG, " + where);
                    assertArrayEquals(eGX, sumGX, 0.0, "gradientSums sumGX, " + where);

                    double[] dx = new double[n * w], edx = new double[n * w];
                    kernels.inputGradient(g, x, dx, n, w, p, q, s, t);
                    for (int i = 0; i < n * w; i++) {
                        int k = i % w;
                        edx[i] = q[k] * g[i] + s[k] * (x[i] - p[k]) + t[k];
                    }
                    assertArrayEquals(edx, dx, 0.0, "inputGradient, " + where);
                }
            }
        }
    }

    @Test
    void theKnobSwitchesToThePlainLoopsWithTheSameBits() throws InterruptedException {
        assertTrue(Kernels.awaitVectorLoops(Duration.ofSeconds(60)));
        String vector = PlainJvmProbe.fingerprint();
        String plain;
        System.setProperty("bnkit.vector", "false");
        try {
            plain = PlainJvmProbe.fingerprint();
        } finally {
            System.clearProperty("bnkit.vector");
        }
        assertTrue(vector.startsWith("Vector API"), vector);
        assertTrue(plain.startsWith("plain Java loops"), plain);
        assertEquals(bits(vector), bits(plain), "same bits on both paths");
    }

    private static String bits(String fingerprint) {
        return fingerprint.substring(fingerprint.indexOf(" bits ") + 6);
    }

    @Test
    void aPlainJvmFallsBackToThePlainLoopsWithTheSameBits() throws Exception {
        assertTrue(Kernels.awaitVectorLoops(Duration.ofSeconds(60)));
        String here = PlainJvmProbe.fingerprint();
        assertTrue(here.startsWith("Vector API"), here);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, codeSource(PlainJvmProbe.class), codeSource(BatchNorm.class),
                codeSource(DMatrixRMaj.class), codeSource(org.ejml.dense.row.CommonOps_DDRM.class)));
        command.add(PlainJvmProbe.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the plain JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("plain Java loops"), "a JVM without --add-modules should use the plain loops: " + out);
        assertEquals(bits(here), bits(out), "same bits on both paths");
        assertTrue(!out.contains("WARNING"), "a plain JVM should not load the incubator module: " + out);
    }

    private static String codeSource(Class<?> c) throws URISyntaxException, IOException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
