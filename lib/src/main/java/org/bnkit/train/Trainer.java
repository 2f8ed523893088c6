package org.bnkit.train;

import org.bnkit.data.Batch;
import org.bnkit.data.Dataset;
import org.bnkit.nn.Layer;
import org.bnkit.nn.LayerObserver;
import org.bnkit.nn.Loss;
import org.bnkit.nn.Mode;
import org.bnkit.nn.Parameter;
import org.bnkit.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The mini-batch training loop: each step draws the next batch of a seeded shuffle, runs the
 * network forward in training mode, computes the loss, back-propagates, and updates the
 * parameters with {@link Sgd}.
 *
 * <pre>
 *   Trainer trainer = Trainer.builder(net, new SoftmaxCrossEntropy(), new Sgd(0.5))
 *       .batchSize(60).seed(1).hook(probe).build();
 *   TrainingLog log = trainer.train(mnistTrain, 50_000);
 * </pre>
 *
 * <p>Batches: the examples are shuffled with the seed, cut into consecutive batches, and reshuffled
 * after every pass (epoch); a final partial batch is dropped. A second {@code train} call continues
 * the same stream of batches. The same seed gives the same batches and the same numbers.
 *
 * <p>The loop stops with {@link TrainingInterruptedException} when the thread is interrupted (the
 * notebook's stop button), and with {@link TrainingDivergedException} when the loss or a parameter
 * stops being finite, naming the step and the first layer with a non-finite value.
 */
public final class Trainer {
    private final Sequential model;
    private final Loss loss;
    private final Sgd optimizer;
    private final int batchSize;
    private final Random shuffle;
    private final List<TrainingHook> hooks;
    private final Consumer<String> progress;
    private final Supplier<String> status;
    private final long progressMillis;

    private long stepsDone;
    private Dataset streamOf;
    private int[] order;
    private int cursor;
    private Batch buffer;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.batchSize = b.batchSize;
        this.shuffle = new Random(b.seed);
        this.hooks = List.copyOf(b.hooks);
        this.progress = b.progress;
        this.status = b.status;
        this.progressMillis = b.progressMillis;
    }

    public static Builder builder(Sequential model, Loss loss, Sgd optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /** The settings of a training run. Required: the seed. */
    public static final class Builder {
        private final Sequential model;
        private final Loss loss;
        private final Sgd optimizer;
        private int batchSize = 60;
        private long seed;
        private boolean seedSet;
        private final List<TrainingHook> hooks = new ArrayList<>();
        private Consumer<String> progress;
        private Supplier<String> status;
        private long progressMillis = 500;

        private Builder(Sequential model, Loss loss, Sgd optimizer) {
            this.model = model;
            this.loss = loss;
            this.optimizer = optimizer;
        }

        /** Examples per mini-batch (default 60, the paper's). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("Trainer: batch size must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The seed of the shuffle. */
        public Builder seed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        public Builder hook(TrainingHook hook) {
            this.hooks.add(hook);
            return this;
        }

        /**
         * Where to send a one-line progress report (steps done, loss, steps per second, and
         * {@code status}), at most every {@code millis} ms and once at the end. In a notebook:
         * {@code String id = display("starting"); ... .progress(line -> updateDisplay(id, line), 500)},
         * or {@link #progressToStdout()}.
         */
        public Builder progress(Consumer<String> sink, long millis) {
            this.progress = sink;
            this.progressMillis = millis;
            return this;
        }

        /** Progress on standard output, rewriting one line with a carriage return. */
        public Builder progressToStdout() {
            return progress(line -> {
                System.out.print("\r" + line);
                System.out.flush();
            }, 500);
        }

        /** Extra text for the progress line, e.g. the last checkpoint's test accuracy. */
        public Builder status(Supplier<String> status) {
            this.status = status;
            return this;
        }

        public Trainer build() {
            if (!seedSet) {
                throw new IllegalStateException("Trainer: set the shuffle seed with .seed(s) (the kit takes every seed explicitly)");
            }
            return new Trainer(this);
        }
    }

    /**
     * Takes {@code steps} SGD steps on mini-batches of {@code data}.
     *
     * @return the loss of every step and the time taken
     */
    public TrainingLog train(Dataset data, long steps) {
        if (data.size() < batchSize) {
            throw new IllegalArgumentException("Trainer: the dataset '" + data.name() + "' has " + data.size()
                    + " examples, fewer than one batch of " + batchSize);
        }
        if (steps < 0 || steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Trainer: steps must be in [0, " + Integer.MAX_VALUE + "], got " + steps);
        }
        if (data != streamOf) {
            streamOf = data;
            order = new int[data.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            cursor = order.length;
        }
        double[] losses = new double[(int) steps];
        long start = System.nanoTime();
        long lastReport = start;
        List<Parameter> params = model.parameters();
        for (int s = 0; s < steps; s++) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                report(s, steps, losses, start);
                throw new TrainingInterruptedException(stepsDone, stepsDone - s + steps);
            }
            final long step = stepsDone + 1;
            Batch batch = nextBatch(data);
            LayerObserver observer = observerFor(step);
            model.zeroGrad();
            DMatrixRMaj out = model.forward(batch.x(), Mode.TRAIN, observer);
            double l = loss.forward(out, batch);
            if (!Double.isFinite(l)) {
                throw diverged(step, batch, "the loss is " + l, null);
            }
            model.backward(loss.backward(), false, observer);
            for (TrainingHook h : hooks) {
                h.beforeUpdate(step, batch, model);
            }
            Parameter bad = optimizer.step(params);
            if (bad != null) {
                throw diverged(step, batch, "parameter " + bad.name() + " is no longer finite after the update", bad.name());
            }
            losses[s] = l;
            stepsDone = step;
            for (TrainingHook h : hooks) {
                h.afterStep(step, l, model);
            }
            if (progress != null && System.nanoTime() - lastReport > progressMillis * 1_000_000L) {
                lastReport = System.nanoTime();
                report(s + 1, steps, losses, start);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (progress != null) {
            report((int) steps, steps, losses, start);
        }
        return new TrainingLog(losses, seconds);
    }

    private void report(int done, long total, double[] losses, long start) {
        if (progress == null) {
            return;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double recent = 0;
        int from = Math.max(0, done - 100);
        for (int i = from; i < done; i++) {
            recent += losses[i];
        }
        recent = done > from ? recent / (done - from) : Double.NaN;
        String line = String.format("step %d/%d  loss %.4f  %.0f steps/s", stepsDone, stepsDone - done + total,
                recent, done / Math.max(secs, 1e-9));
        if (status != null) {
            line += "  " + status.get();
        }
        progress.accept(line);
    }

    private Batch nextBatch(Dataset data) {
        if (cursor + batchSize > order.length) {
            // Fisher-Yates shuffle for the next pass
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cursor = 0;
        }
        buffer = data.gather(order, cursor, batchSize, buffer);
        cursor += batchSize;
        return buffer;
    }

    private LayerObserver observerFor(long step) {
        List<TrainingHook> active = null;
        for (TrainingHook h : hooks) {
            if (h.observesLayers(step)) {
                if (active == null) {
                    active = new ArrayList<>();
                }
                active.add(h);
            }
        }
        if (active == null) {
            return null;
        }
        final List<TrainingHook> observing = active;
        return new LayerObserver() {
            @Override
            public void forward(int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
                for (TrainingHook h : observing) {
                    h.forward(step, index, layer, input, output);
                }
            }

            @Override
            public void backward(int index, Layer layer, DMatrixRMaj dOutput, DMatrixRMaj dInput) {
                for (TrainingHook h : observing) {
                    h.backward(step, index, layer, dOutput, dInput);
                }
            }
        };
    }

    /**
     * Says why the step went non-finite: a batch that was not finite to begin with (the data, not
     * the learning rate, is at fault), or else the first layer whose output is not finite, found by
     * re-running the step's forward pass.
     */
    private TrainingDivergedException diverged(long step, Batch batch, String what, String parameter) {
        String badInput = nonFiniteEntry(batch.x(), "input");
        if (badInput == null && batch.targets() != null) {
            badInput = nonFiniteEntry(batch.targets(), "target");
        }
        if (badInput != null) {
            return new TrainingDivergedException(step, "input", "Training stopped at step " + step + ": " + what
                    + ", because the batch itself is not finite: " + badInput + " of the data set '" + streamOf.name()
                    + "'. The learning rate is not at fault: repair or remove that example (look for a division by zero, "
                    + "a log of 0 or a missing value where the data were prepared).");
        }
        String[] first = new String[1];
        model.forward(batch.x(), Mode.TRAIN, new LayerObserver() {
            @Override
            public void forward(int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
                if (first[0] == null && !allFinite(output)) {
                    first[0] = "layer " + index + " (" + layer + ")";
                }
            }
        });
        String where = first[0] != null ? "The first non-finite values appear in the output of " + first[0] + "."
                : parameter != null ? "The forward pass is still finite; the update of " + parameter + " overflowed."
                : "Every layer's output is finite; the loss itself overflowed.";
        List<String> badParams = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            if (!allFinite(p.value())) {
                badParams.add(p.name());
            }
        }
        String msg = "Training diverged at step " + step + ": " + what + ". " + where
                + (badParams.isEmpty() ? "" : " Non-finite parameters: " + badParams + ".")
                + " Lower the learning rate (now " + optimizer.learningRate() + "), use a smaller initialisation, or add BatchNorm.";
        return new TrainingDivergedException(step, first[0] != null ? first[0] : parameter, msg);
    }

    /**
     * Where the first NaN or infinite entry of a batch matrix is, as "input value NaN at column 5
     * of example 17 (row 3 of this batch)", the example counted in the data set; null if none.
     */
    private String nonFiniteEntry(DMatrixRMaj m, String what) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                final int row = k / m.numCols, example = order[cursor - batchSize + row];
                return what + " value " + m.data[k] + " at column " + k % m.numCols + " of example " + example
                        + " (row " + row + " of this batch)";
            }
        }
        return null;
    }

    private static boolean allFinite(DMatrixRMaj m) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                return false;
            }
        }
        return true;
    }

    /** The number of steps taken by this trainer so far. */
    public long stepsDone() {
        return stepsDone;
    }

    public Sequential model() {
        return model;
    }

    public Sgd optimizer() {
        return optimizer;
    }
}
