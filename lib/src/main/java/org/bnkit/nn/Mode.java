package org.bnkit.nn;

/**
 * Whether a layer is used for training or for inference.
 *
 * <p>Only normalization layers behave differently: in {@link #TRAIN} mode {@link BatchNorm}
 * normalizes with the statistics of the current mini-batch (Algorithm 1 of Ioffe &amp; Szegedy
 * 2015); in {@link #EVAL} mode it uses population statistics, so that the output depends on the
 * input alone (section 3.1 and Algorithm 2).
 */
public enum Mode {
    /** Mini-batch statistics; gradients flow through them. */
    TRAIN,
    /** Population statistics; each example is processed on its own. */
    EVAL
}
