package org.bnkit.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference of the benchmark: PyTorch on one thread, run by {@code /usr/bin/python3} from
 * the script bundled with the library ({@code torch_reference.py}).
 *
 * <p>PyTorch's matrix products go through whatever {@code libblas.so.3} the dynamic loader
 * finds. Debian's {@code python3-torch} pulls in the reference (netlib) BLAS unless an optimized
 * one is installed, and netlib's dgemm is several times slower than OpenBLAS's, which flatters
 * any library compared with it. So the benchmark asks the script which BLAS libraries the
 * process really mapped and refuses to compare against anything but OpenBLAS, unless told to
 * ({@code --any-blas}).
 *
 * <p>The script runs with one thread ({@code OMP_NUM_THREADS=1}, {@code OPENBLAS_NUM_THREADS=1})
 * and without the caller's other {@code OPENBLAS_*} variables: {@code OPENBLAS_CORETYPE=Haswell},
 * for instance, makes OpenBLAS 0.3.21 use its AVX2 kernels on an AVX-512 machine where it would
 * detect and use its faster Cooperlake ones, which would again flatter bnkit.
 *
 * <p>And it runs with glibc's malloc keeping the memory PyTorch frees ({@link #MALLOC}: no mmap
 * for large blocks, no trimming of the heap). By default glibc hands large blocks back to the
 * kernel when they are freed, so that BN calls at widths of 1024 and
 * more got their outputs as fresh pages, each zeroed by the kernel at a page fault: on the CI
 * machine that made PyTorch's forward+backward up to 14 times slower at those shapes (256 x 4096:
 * 12.3-19.7 ms with about 2,000 page faults per call, 2.9-3.7 ms with none), and flattered bnkit, whose
 * arrays stay allocated from call to call. {@code tools/torch_step.py} does the same with
 * {@code mallopt} and counts the faults.
 */
final class PyTorchReference {
    static final String INSTALL = "apt-get install python3-torch libopenblas0-pthread";
    /** glibc's malloc settings for the reference: never mmap a block, trim the heap only past 2 GB free. */
    static final Map<String, String> MALLOC = Map.of("MALLOC_MMAP_MAX_", "0", "MALLOC_TRIM_THRESHOLD_", "2147483647");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /**
     * What {@code --info} reported: torch's version, its build configuration, the mapped BLAS
     * libraries, and OpenBLAS's own {@code openblas_get_config()} and core name when it is one.
     */
    record Info(String version, List<String> config, List<String> mapped, List<String> openBlasConfig) {
        /** Whether the process mapped OpenBLAS, and no other BLAS behind libblas.so.3. */
        boolean openBlas() {
            return mapped.stream().anyMatch(p -> p.contains("openblas"))
                    && mapped.stream().noneMatch(p -> p.endsWith("libblas.so.3") && !p.contains("openblas"));
        }
    }

    private PyTorchReference() {
    }

    /**
     * Asks the script what PyTorch runs on.
     *
     * @throws IllegalStateException naming the apt-get command when there is no Python or no torch
     */
    static Info info() throws IOException, InterruptedException {
        List<String> config = new ArrayList<>(), mapped = new ArrayList<>(), openBlas = new ArrayList<>();
        String version = null;
        for (String line : run("--info").split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3 && f[0].equals("info")) {
                switch (f[1]) {
                    case "torch" -> version = f[2];
                    case "config" -> config.add(f[2]);
                    case "mapped" -> mapped.add(f[2]);
                    case "openblas" -> openBlas.add(f[2]);
                    default -> {
                    }
                }
            }
        }
        if (version == null) {
            throw new IllegalStateException("the PyTorch reference script printed no version; run it by hand: "
                    + PYTHON + " lib/src/main/resources/org/bnkit/bench/torch_reference.py --info");
        }
        return new Info(version, config, mapped, openBlas);
    }

    /**
     * PyTorch's median seconds per repetition, by workload name ("bn 60x100", "mlp", "mlp_bn"); the MLP
     * step runs on the same binarized MNIST batches as bnkit's, read from {@code mnist} (data/mnist).
     */
    static Map<String, Double> timings(boolean quick, boolean mlpOnly, Path mnist) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(quick ? "--quick" : "--full", "--mnist", mnist.toString()));
        if (mlpOnly) {
            args.add("--mlp");
        }
        Map<String, Double> result = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^(.+?)\\t([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(run(args.toArray(String[]::new)));
        while (m.find()) {
            result.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return result;
    }

    /**
     * The reference's environment, from the caller's: one thread, none of the caller's other
     * {@code OPENBLAS_*} or {@code GOTO*} variables, and {@link #MALLOC}.
     */
    static void setEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("OPENBLAS_") || k.startsWith("GOTO"));
        environment.put("OMP_NUM_THREADS", "1");
        environment.put("OPENBLAS_NUM_THREADS", "1");
        environment.putAll(MALLOC);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("no " + PYTHON + " to run the PyTorch reference. Install it with: " + INSTALL
                    + " (or run the benchmark with --no-torch)");
        }
        byte[] script;
        try (InputStream in = PyTorchReference.class.getResourceAsStream("torch_reference.py")) {
            script = in.readAllBytes();
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        setEnvironment(pb.environment());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(script);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the process ended; what was read is reported below
            }
        });
        errors.start();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the PyTorch reference did not finish in 20 minutes");
        }
        errors.join();
        if (p.exitValue() == 3) {
            throw new IllegalStateException(PYTHON + " cannot import torch. Install PyTorch on OpenBLAS with: " + INSTALL
                    + " (or run the benchmark with --no-torch)");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the PyTorch reference failed (exit " + p.exitValue() + "): "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
