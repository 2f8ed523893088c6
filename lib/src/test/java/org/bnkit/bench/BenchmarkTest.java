package org.bnkit.bench;

import org.bnkit.data.Batch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's workload and command line (its timings are not tested: speed stays out of unit tests). */
class BenchmarkTest {

    @Test
    void theMlpStepRunsOnTwentyDifferentBatchesOfBinarizedMnist() {
        List<Batch> batches = Benchmark.mlpBatches();
        assertEquals(Benchmark.MLP_BATCHES, batches.size());
        long ones = 0, pixels = 0;
        for (Batch b : batches) {
            assertEquals(60, b.x().numRows);
            assertEquals(784, b.x().numCols);
            for (double v : b.x().data) {
                assertTrue(v == 0.0 || v == 1.0, "a binarized pixel is 0 or 1, got " + v);
                ones += (long) v;
            }
            pixels += b.x().data.length;
        }
        // the paper's input: about 13% ones (random images with 19% would make the sparse layer 1.4x the work)
        double share = (double) ones / pixels;
        assertTrue(share > 0.11 && share < 0.15, "share of ones " + share);
        // each step meets a new batch, as in training: no two alike
        for (int i = 1; i < batches.size(); i++) {
            assertFalse(Arrays.equals(batches.get(i - 1).x().data, batches.get(i).x().data), "batches " + (i - 1) + " and " + i);
            assertFalse(Arrays.equals(batches.get(i - 1).labels(), batches.get(i).labels()), "labels " + (i - 1) + " and " + i);
        }
    }

    @Test
    void optionsAreParsedAndAnUnknownOneIsNamed() {
        Benchmark.Options options = Benchmark.Options.parse(new String[] {"--mlp", "--runs", "5", "--no-torch"});
        assertTrue(options.mlpOnly());
        assertEquals(5, options.runs());
        assertFalse(options.torch());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Benchmark.Options.parse(new String[] {"--fast"}));
        assertTrue(e.getMessage().contains("'--fast'") && e.getMessage().contains("--runs N"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Benchmark.Options.parse(new String[] {"--runs", "0"}));
        assertTrue(e.getMessage().contains("--runs needs a whole number"), e.getMessage());
    }

    @Test
    void thePyTorchReferenceRunsOnOneThreadOnOpenBlasDefaultsAndWithMallocKeepingFreedMemory() {
        Map<String, String> environment = new HashMap<>(Map.of("OPENBLAS_CORETYPE", "Haswell", "GOTO_NUM_THREADS", "4",
                "OMP_NUM_THREADS", "2", "MALLOC_TRIM_THRESHOLD_", "0", "PATH", "/usr/bin"));
        PyTorchReference.setEnvironment(environment);
        assertEquals(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1", "MALLOC_MMAP_MAX_", "0",
                "MALLOC_TRIM_THRESHOLD_", "2147483647", "PATH", "/usr/bin"), environment);
    }
}
