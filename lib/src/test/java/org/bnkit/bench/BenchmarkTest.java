package org.bnkit.bench;

import org.bnkit.data.Batch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The benchmark's workload and command line (its timings are not tested: speed stays out of unit tests). */
class BenchmarkTest {

    @Test
    void theMachineLinesNameTheGarbageCollector() {
        // C2 once compiled the Vector API's tiles differently under Serial and G1 (README, "Benchmarks"): a run says which it had
        String expected = String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
        assertFalse(expected.isEmpty());
        assertTrue(Machine.describe().contains("Garbage collector: " + expected), Machine.describe().toString());
    }

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
        for (String runs : new String[] {"0", "1000", "99999999999"}) {
            e = assertThrows(IllegalArgumentException.class, () -> Benchmark.Options.parse(new String[] {"--runs", runs}));
            assertTrue(e.getMessage().contains("--runs needs a whole number of runs from 1 to 999"), e.getMessage());
        }
    }

    @Test
    void thePyTorchReferenceRunsOnOneThreadOnOpenBlasDefaultsAndWithMallocKeepingFreedMemory() {
        Map<String, String> environment = new HashMap<>(Map.of("OPENBLAS_CORETYPE", "Haswell", "GOTO_NUM_THREADS", "4",
                "OMP_NUM_THREADS", "2", "MALLOC_TRIM_THRESHOLD_", "0", "PATH", "/usr/bin"));
        PyTorchReference.setEnvironment(environment);
        assertEquals(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1", "MALLOC_MMAP_MAX_", "0",
                "MALLOC_TRIM_THRESHOLD_", "2147483647", "PATH", "/usr/bin"), environment);
    }

    /** A Python process running {@code code} (the tests' stand-in for the reference). */
    private static Process python(String code, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", code));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    @Test
    void theReferenceSessionAsksForOneWorkloadAtATimeAndReadsItsAnswer() throws Exception {
        String echo = "import sys\nfor i, line in enumerate(sys.stdin):\n    print('%s\\t%.3e' % (line.strip(), 0.25 * (i + 1)), flush=True)\n";
        try (PyTorchReference.Session session = new PyTorchReference.Session(python(echo), PyTorchReference.ANSWER_TIMEOUT)) {
            assertEquals(0.25, session.seconds("bn 60x100"), 0.0);
            assertEquals(0.5, session.seconds("mlp"), 0.0);
        }
        String wrong = "import sys\nfor line in sys.stdin:\n    print('mlp_bn\\t1e-3', flush=True)\n";
        try (PyTorchReference.Session session = new PyTorchReference.Session(python(wrong), PyTorchReference.ANSWER_TIMEOUT)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.seconds("mlp"));
            assertTrue(e.getMessage().contains("answered 'mlp_bn") && e.getMessage().contains("asked for 'mlp'"), e.getMessage());
        }
    }

    @Test
    void aReferenceThatEndsIsReportedWithTheFixOrItsError() throws Exception {
        try (PyTorchReference.Session session = new PyTorchReference.Session(python("import sys\nsys.exit(3)\n"), PyTorchReference.ANSWER_TIMEOUT)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.seconds("mlp"));
            assertTrue(e.getMessage().contains("cannot import torch") && e.getMessage().contains(PyTorchReference.INSTALL), e.getMessage());
        }
        String failing = "import sys\nsys.stdin.readline()\nsys.exit('out of memory in the BN step')\n";
        try (PyTorchReference.Session session = new PyTorchReference.Session(python(failing), PyTorchReference.ANSWER_TIMEOUT)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.seconds("bn 1024x4096"));
            assertTrue(e.getMessage().contains("exit 1") && e.getMessage().contains("while timing 'bn 1024x4096'")
                    && e.getMessage().contains("out of memory in the BN step"), e.getMessage());
        }
        String silent = "import sys, time\nsys.stdin.readline()\ntime.sleep(600)\n";
        try (PyTorchReference.Session session = new PyTorchReference.Session(python(silent), Duration.ofSeconds(1))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.seconds("mlp"));
            assertTrue(e.getMessage().contains("no answer in 1 s while timing 'mlp'"), e.getMessage());
        }
    }

    @Test
    void theBundledScriptServesTheBenchmarksWorkloadsWhenTorchIsInstalled() throws Exception {
        String script;
        try (InputStream in = PyTorchReference.class.getResourceAsStream("torch_reference.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assumeTrue(python("import torch").waitFor() == 0, "PyTorch is not installed (" + PyTorchReference.INSTALL + ")");
        Path mnist = org.bnkit.Kit.dataDir().resolve("mnist");
        try (PyTorchReference.Session session = new PyTorchReference.Session(python(script, "--serve", "--quick", "--mnist", mnist.toString()),
                PyTorchReference.ANSWER_TIMEOUT)) {
            double bn = session.seconds("bn 60x100");
            assertTrue(bn > 1e-7 && bn < 1e-2, "BN 60x100 forward+backward in " + bn + " s");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.seconds("mlp_sgd"));
            assertTrue(e.getMessage().contains("unknown workload 'mlp_sgd'"), e.getMessage());
        }
    }
}
