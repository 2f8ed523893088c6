package org.bnkit.data;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Examples with inputs and either class labels or regression targets.
 *
 * <p>Inputs are stored compactly: MNIST keeps its pixels as bytes (60,000 x 784 bytes instead of
 * 376 MB of doubles, which matters on Binder's small machines) and mini-batches are gathered into
 * double matrices when they are needed ({@link #gather}, {@link #forEachBatch}).
 */
public final class Dataset {
    private final String name;
    private final int size;
    private final int features;
    private final DMatrixRMaj dense;
    private final byte[] bytes;
    private final double[] byteValue;
    private final int[] labels;
    private final int classes;
    private final DMatrixRMaj targets;

    private Dataset(String name, int size, int features, DMatrixRMaj dense, byte[] bytes, double[] byteValue,
                    int[] labels, int classes, DMatrixRMaj targets) {
        this.name = name;
        this.size = size;
        this.features = features;
        this.dense = dense;
        this.bytes = bytes;
        this.byteValue = byteValue;
        this.labels = labels;
        this.classes = classes;
        this.targets = targets;
    }

    /**
     * A classification dataset.
     *
     * @param x       (N, D). Not copied: do not modify it afterwards.
     * @param labels  N labels in [0, classes). Not copied.
     * @param classes the number of classes
     */
    public static Dataset classification(String name, DMatrixRMaj x, int[] labels, int classes) {
        if (labels.length != x.numRows) {
            throw new IllegalArgumentException("Dataset '" + name + "': " + x.numRows + " inputs but " + labels.length + " labels");
        }
        checkLabels(name, labels, classes);
        return new Dataset(name, x.numRows, x.numCols, x, null, null, labels, classes, null);
    }

    /**
     * A regression dataset.
     *
     * @param x       (N, D). Not copied.
     * @param targets (N, K). Not copied.
     */
    public static Dataset regression(String name, DMatrixRMaj x, DMatrixRMaj targets) {
        if (targets.numRows != x.numRows) {
            throw new IllegalArgumentException("Dataset '" + name + "': " + x.numRows + " inputs but " + targets.numRows + " targets");
        }
        return new Dataset(name, x.numRows, x.numCols, x, null, null, null, 0, targets);
    }

    /**
     * A classification dataset whose inputs are bytes mapped to doubles by a 256-entry table.
     */
    static Dataset ofBytes(String name, byte[] pixels, int size, int features, double[] byteValue, int[] labels, int classes) {
        checkLabels(name, labels, classes);
        return new Dataset(name, size, features, null, pixels, byteValue, labels, classes, null);
    }

    private static void checkLabels(String name, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Dataset '" + name + "': label " + labels[i] + " of example " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    public String name() {
        return name;
    }

    /** N, the number of examples. */
    public int size() {
        return size;
    }

    /** D, the number of input features. */
    public int features() {
        return features;
    }

    /** The class labels (not a copy: do not modify), or null for a regression dataset. */
    public int[] labels() {
        return labels;
    }

    /** The number of classes, 0 for regression. */
    public int classes() {
        return classes;
    }

    /** The regression targets (N, K), or null for a classification dataset. */
    public DMatrixRMaj targets() {
        return targets;
    }

    /** Whether the dataset has class labels. */
    public boolean isClassification() {
        return labels != null;
    }

    /** Input row {@code i} as a new array of D values. */
    public double[] input(int i) {
        double[] row = new double[features];
        copyRow(i, row, 0);
        return row;
    }

    /** All inputs as one new (N, D) matrix (for MNIST's training set, 376 MB). */
    public DMatrixRMaj x() {
        DMatrixRMaj x = new DMatrixRMaj(size, features);
        for (int i = 0; i < size; i++) {
            copyRow(i, x.data, i * features);
        }
        return x;
    }

    private void copyRow(int i, double[] dst, int offset) {
        if (dense != null) {
            System.arraycopy(dense.data, i * features, dst, offset, features);
        } else {
            int src = i * features;
            for (int k = 0; k < features; k++) {
                dst[offset + k] = byteValue[bytes[src + k] & 0xFF];
            }
        }
    }

    /**
     * Copies the examples {@code index[from .. from+count)} into a batch.
     *
     * @param into a batch to reuse when its shapes fit, or null
     * @return the filled batch
     */
    public Batch gather(int[] index, int from, int count, Batch into) {
        Batch b = into;
        if (b == null || b.size() != count) {
            b = new Batch(new DMatrixRMaj(count, features), labels == null ? null : new int[count],
                    targets == null ? null : new DMatrixRMaj(count, targets.numCols));
        }
        for (int r = 0; r < count; r++) {
            int i = index[from + r];
            copyRow(i, b.x().data, r * features);
            if (labels != null) {
                b.labels()[r] = labels[i];
            } else {
                System.arraycopy(targets.data, i * targets.numCols, b.targets().data, r * targets.numCols, targets.numCols);
            }
        }
        return b;
    }

    /**
     * Calls {@code action} on consecutive batches of at most {@code batchSize} examples, in order,
     * reusing one buffer (copy a batch to keep it).
     */
    public void forEachBatch(int batchSize, Consumer<Batch> action) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset '" + name + "': batch size must be >= 1, got " + batchSize);
        }
        int[] order = identity();
        Batch buffer = null;
        for (int from = 0; from < size; from += batchSize) {
            int count = Math.min(batchSize, size - from);
            buffer = gather(order, from, count, count == batchSize ? buffer : null);
            action.accept(buffer);
        }
    }

    /**
     * {@code count} mini-batches of {@code batchSize} examples drawn without replacement within
     * each batch, for Algorithm 2's population statistics; the seed fixes the draw.
     */
    public List<DMatrixRMaj> sampleInputBatches(int count, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > size) {
            throw new IllegalArgumentException("Dataset '" + name + "': batch size must be in [1, " + size + "], got " + batchSize);
        }
        Random rng = new Random(seed);
        int[] order = identity();
        List<DMatrixRMaj> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            // partial Fisher-Yates: the first batchSize entries become a uniform sample
            for (int k = 0; k < batchSize; k++) {
                int j = k + rng.nextInt(size - k);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            batches.add(gather(order, 0, batchSize, null).x());
        }
        return batches;
    }

    /** The first {@code n} examples as a new dataset. */
    public Dataset head(int n) {
        return subset(0, n);
    }

    /** Examples {@code [from, to)} as a new dataset. */
    public Dataset subset(int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("Dataset '" + name + "': subset [" + from + ", " + to + ") is outside [0, " + size + "]");
        }
        int[] idx = new int[to - from];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = from + k;
        }
        Batch b = gather(idx, 0, idx.length, null);
        String n = name + "[" + from + ":" + to + "]";
        return labels != null ? classification(n, b.x(), b.labels(), classes) : regression(n, b.x(), b.targets());
    }

    int[] identity() {
        int[] order = new int[size];
        Arrays.setAll(order, k -> k);
        return order;
    }

    @Override
    public String toString() {
        return "Dataset '" + name + "' (" + size + " examples, " + features + " features, "
                + (labels != null ? classes + " classes)" : targets.numCols + " targets)");
    }
}
