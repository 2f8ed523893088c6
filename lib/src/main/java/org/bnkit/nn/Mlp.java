package org.bnkit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Builds multi-layer perceptrons such as the network of the paper's Figure 1 (section 4.1):
 * 784 inputs, three fully connected hidden layers of 100 sigmoid units, 10 outputs, and with BN
 * "added to each hidden layer of the network", after the affine map and before the nonlinearity.
 *
 * <pre>
 *   Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10)
 *       .activation(Sigmoid::new).batchNorm(true).init(Init.gaussian(1.0)).seed(42).build();
 * </pre>
 * Layers are named {@code fc1, bn1, sigmoid1, ..., fcL}. With BN, the linear layers before BN have
 * no bias, as in section 3.2 ("the bias b can be ignored since its effect will be canceled by the
 * subsequent mean subtraction"); {@link Builder#biasBeforeBatchNorm(boolean)} keeps it.
 */
public final class Mlp {
    private Mlp() {
    }

    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** The settings of an MLP; {@link #build()} draws its weights from the seed. */
    public static final class Builder {
        private final int inputs;
        private int[] hidden = new int[0];
        private int outputs = -1;
        private Function<String, Layer> activation = Sigmoid::new;
        private String activationName = "sigmoid";
        private boolean batchNorm;
        private Function<String, BatchNorm.Builder> bnSettings;
        private boolean biasBeforeBn;
        private Init init = Init.xavier();
        private long seed = 0;
        private boolean seedSet;
        private String name = "mlp";

        private Builder(int inputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("Mlp: inputs must be >= 1, got " + inputs);
            }
            this.inputs = inputs;
        }

        /** The widths of the hidden layers, in order. */
        public Builder hidden(int... widths) {
            for (int w : widths) {
                if (w < 1) {
                    throw new IllegalArgumentException("Mlp: hidden widths must be >= 1, got " + w);
                }
            }
            this.hidden = widths.clone();
            return this;
        }

        /** The number of outputs (scores, or regression outputs). */
        public Builder outputs(int outputs) {
            this.outputs = outputs;
            return this;
        }

        /**
         * The nonlinearity of each hidden layer, made from its name: {@code Sigmoid::new} (the
         * default), {@code ReLU::new}, {@code Tanh::new}. For none, use {@link #linear()}.
         */
        public Builder activation(Function<String, Layer> activation) {
            this.activation = activation;
            Layer probe = activation.apply("probe");
            this.activationName = probe.getClass().getSimpleName().toLowerCase();
            return this;
        }

        /** No nonlinearity: a deep linear network (Santurkar et al. 2018, section 2.2). */
        public Builder linear() {
            this.activation = null;
            this.activationName = null;
            return this;
        }

        /** Whether each hidden layer gets BN after its affine map. */
        public Builder batchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /**
         * BN settings for each hidden layer: given the layer name ({@code "bn1"}...), a builder
         * (e.g. {@code name -> BatchNorm.builder(100).name(name).eps(1e-3)}). Implies batchNorm(true).
         */
        public Builder batchNorm(Function<String, BatchNorm.Builder> settings) {
            this.batchNorm = true;
            this.bnSettings = settings;
            return this;
        }

        /** Keep the bias of linear layers followed by BN (default false, as in section 3.2). */
        public Builder biasBeforeBatchNorm(boolean keep) {
            this.biasBeforeBn = keep;
            return this;
        }

        /** How to initialise every weight matrix (default Xavier). */
        public Builder init(Init init) {
            this.init = init;
            return this;
        }

        /** The seed of the weight draws. Required: every random choice takes an explicit seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Sequential build() {
            if (outputs < 1) {
                throw new IllegalStateException("Mlp: set the number of outputs with .outputs(k)");
            }
            if (!seedSet) {
                throw new IllegalStateException("Mlp: set the seed of the weight draws with .seed(s) (the kit takes every seed explicitly)");
            }
            Random rng = new Random(seed);
            List<Layer> layers = new ArrayList<>();
            int width = inputs;
            for (int l = 0; l < hidden.length; l++) {
                int k = l + 1;
                layers.add(new Linear("fc" + k, width, hidden[l], init, rng, !batchNorm || biasBeforeBn));
                if (batchNorm) {
                    BatchNorm.Builder b = bnSettings != null ? bnSettings.apply("bn" + k) : BatchNorm.builder(hidden[l]).name("bn" + k);
                    BatchNorm bn = b.build();
                    if (bn.width() != hidden[l]) {
                        throw new IllegalArgumentException("Mlp: the BN settings for bn" + k + " have width " + bn.width()
                                + ", the layer has " + hidden[l] + " units");
                    }
                    layers.add(bn);
                }
                if (activation != null) {
                    layers.add(activation.apply(activationName + k));
                }
                width = hidden[l];
            }
            layers.add(new Linear("fc" + (hidden.length + 1), width, outputs, init, rng, true));
            return new Sequential(name, layers);
        }
    }
}
