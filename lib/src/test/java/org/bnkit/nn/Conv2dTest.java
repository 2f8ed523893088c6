package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.bnkit.data.Batch;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Conv2dTest {

    private static Conv2d conv(MapShape in, int filters, int k, int p, boolean bias, long seed) {
        Conv2d conv = new Conv2d("conv", in, filters, k, p, Init.gaussian(0.5), new Random(seed), bias);
        if (bias) {
            Random rng = new Random(seed + 1);
            for (int f = 0; f < filters; f++) {
                conv.bias().value().data[f] = rng.nextGaussian();
            }
        }
        return conv;
    }

    /** The convolution written as its definition, one output at a time. */
    private static double[] direct(Conv2d conv, DMatrixRMaj x) {
        MapShape in = conv.inputShape(), out = conv.outputShape();
        int k = (int) Math.round(Math.sqrt((double) conv.weight().value().numRows / in.channels()));
        int p = (out.height() - in.height() + k - 1) / 2;
        DMatrixRMaj w = conv.weight().value();
        double[] y = new double[x.numRows * out.size()];
        for (int n = 0; n < x.numRows; n++) {
            for (int f = 0; f < out.channels(); f++) {
                for (int i = 0; i < out.height(); i++) {
                    for (int j = 0; j < out.width(); j++) {
                        double s = conv.hasBias() ? conv.bias().value().data[f] : 0;
                        for (int c = 0; c < in.channels(); c++) {
                            for (int a = 0; a < k; a++) {
                                for (int d = 0; d < k; d++) {
                                    int si = i + a - p, sj = j + d - p;
                                    if (si >= 0 && si < in.height() && sj >= 0 && sj < in.width()) {
                                        s += x.get(n, c * in.positions() + si * in.width() + sj) * w.get(c * k * k + a * k + d, f);
                                    }
                                }
                            }
                        }
                        y[n * out.size() + f * out.positions() + i * out.width() + j] = s;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void forwardEqualsTheDefinitionForThreeByThreeAndFiveByFive() {
        MapShape in = new MapShape(2, 6, 5);
        DMatrixRMaj x = TestData.gaussian(3, in.size(), 0.0, 1.0, 1);
        for (int[] kp : new int[][] {{3, 1}, {3, 0}, {5, 2}, {5, 0}}) {
            Conv2d conv = conv(in, 4, kp[0], kp[1], true, 2);
            assertArrayEquals(direct(conv, x), conv.forward(x, Mode.TRAIN).data, Tolerances.REFERENCE, "k = " + kp[0] + ", p = " + kp[1]);
        }
    }

    /**
     * Conv2d builds X_col one image at a time; the textbook form builds it for the whole batch and
     * runs one fully connected layer over it. The chains are the same, so the bits must be.
     */
    @Test
    void imageByImageGivesTheBitsOfOneProductOverTheWholeBatch() {
        MapShape in = new MapShape(2, 6, 5);
        DMatrixRMaj x = TestData.gaussian(3, in.size(), 0.0, 1.0, 11);
        for (int[] kp : new int[][] {{3, 1}, {5, 2}, {3, 0}}) {
            int k = kp[0], p = kp[1];
            Conv2d conv = conv(in, 4, k, p, true, 12);
            MapShape out = conv.outputShape();
            DMatrixRMaj dY = TestData.gaussian(3, out.size(), 0.0, 1.0, 13);
            // the whole batch's X_col, and its source entry in x (or -1 in the padding)
            int width = in.channels() * k * k, rows = x.numRows * out.positions();
            DMatrixRMaj col = new DMatrixRMaj(rows, width);
            int[] source = new int[rows * width];
            for (int n = 0; n < x.numRows; n++) {
                for (int q = 0; q < out.positions(); q++) {
                    int i = q / out.width(), j = q % out.width();
                    for (int e = 0; e < width; e++) {
                        int c = e / (k * k), a = e % (k * k) / k, d = e % k, si = i + a - p, sj = j + d - p;
                        boolean inside = si >= 0 && si < in.height() && sj >= 0 && sj < in.width();
                        int at = (n * out.positions() + q) * width + e;
                        source[at] = inside ? n * in.size() + c * in.positions() + si * in.width() + sj : -1;
                        col.data[at] = inside ? x.data[source[at]] : 0.0;
                    }
                }
            }
            Linear product = Linear.withWeights("product", conv.weight().value(), conv.bias().value());
            DMatrixRMaj z = product.forward(col, Mode.TRAIN);
            DMatrixRMaj dZ = new DMatrixRMaj(rows, out.channels());
            double[] y = new double[x.numRows * out.size()];
            for (int n = 0; n < x.numRows; n++) {
                for (int f = 0; f < out.channels(); f++) {
                    for (int q = 0; q < out.positions(); q++) {
                        y[n * out.size() + f * out.positions() + q] = z.get(n * out.positions() + q, f);
                        dZ.set(n * out.positions() + q, f, dY.get(n, f * out.positions() + q));
                    }
                }
            }
            DMatrixRMaj dCol = product.backward(dZ);
            double[] dX = new double[x.data.length];
            for (int at = 0; at < source.length; at++) {
                if (source[at] >= 0) {
                    dX[source[at]] += dCol.data[at];
                }
            }
            String setting = "k = " + k + ", p = " + p;
            assertArrayEquals(y, conv.forward(x, Mode.TRAIN).data, 0.0, setting);
            assertArrayEquals(dX, conv.backward(dY).data, 0.0, setting);
            assertArrayEquals(product.weight().grad().data, conv.weight().grad().data, 0.0, setting);
            assertArrayEquals(product.bias().grad().data, conv.bias().grad().data, 0.0, setting);
        }
    }

    @Test
    void samePaddingKeepsTheMapSizeAndValidPaddingShrinksIt() {
        MapShape in = new MapShape(1, 28, 28);
        assertEquals(new MapShape(8, 28, 28), conv(in, 8, 5, 2, false, 1).outputShape());
        assertEquals(new MapShape(8, 24, 24), conv(in, 8, 5, 0, false, 1).outputShape());
        assertEquals(new MapShape(8, 26, 26), conv(in, 8, 3, 0, false, 1).outputShape());
    }

    @Test
    void passesTheGradientCheck() {
        for (int[] kp : new int[][] {{3, 1}, {5, 2}, {3, 0}}) {
            Conv2d conv = conv(new MapShape(2, 5, 6), 3, kp[0], kp[1], true, 3);
            DMatrixRMaj x = TestData.gaussian(2, 60, 0.0, 1.0, 4);
            GradientCheck.Result r = GradientCheck.layer(conv, x, Mode.TRAIN, 5);
            assertTrue(r.passes(Tolerances.GRADIENT_CHECK), "k = " + kp[0] + ", p = " + kp[1] + ":\n" + r);
        }
    }

    @Test
    void backwardToParametersGivesTheSameGradientsAsBackward() {
        Conv2d conv = conv(new MapShape(2, 5, 5), 3, 3, 1, true, 6);
        DMatrixRMaj x = TestData.gaussian(4, 50, 0.0, 1.0, 7);
        DMatrixRMaj dY = TestData.gaussian(4, 75, 0.0, 1.0, 8);
        conv.forward(x, Mode.TRAIN);
        conv.backward(dY);
        double[] dW = conv.weight().grad().data.clone(), db = conv.bias().grad().data.clone();
        conv.weight().zeroGrad();
        conv.bias().zeroGrad();
        conv.forward(x, Mode.TRAIN);
        conv.backwardToParameters(dY);
        assertArrayEquals(dW, conv.weight().grad().data, 0.0);
        assertArrayEquals(db, conv.bias().grad().data, 0.0);
    }

    @Test
    void aWrongInputShapeNamesTheLayerAndTheExpectedNchwShape() {
        Conv2d conv = new Conv2d("conv1", new MapShape(1, 28, 28), 8, 5, 2, Init.he(), new Random(1), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(new DMatrixRMaj(4, 100), Mode.TRAIN));
        assertTrue(e.getMessage().contains("Conv2d 'conv1'") && e.getMessage().contains("(N, 1*28*28) = (N, 784)")
                && e.getMessage().contains("(4, 100)"), e.getMessage());
        conv.forward(new DMatrixRMaj(4, 784), Mode.TRAIN);
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> conv.backward(new DMatrixRMaj(4, 784)));
        assertTrue(g.getMessage().contains("(4, 6272)"), g.getMessage());
    }

    @Test
    void aFilterLargerThanThePaddedMapIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d("c", new MapShape(1, 3, 3), 2, 5, 0, Init.he(), new Random(1), false));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void backwardBeforeForwardSaysWhatToDo() {
        Conv2d conv = conv(new MapShape(1, 4, 4), 2, 3, 1, false, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> conv.backward(new DMatrixRMaj(1, 32)));
        assertTrue(e.getMessage().contains("before forward"), e.getMessage());
    }

    @Test
    void aSmallConvnetWithPerMapBatchNormPassesTheGradientCheck() {
        Random rng = new Random(9);
        MapShape in = new MapShape(1, 6, 6);
        Conv2d conv = new Conv2d("conv", in, 2, 3, 1, Init.he(), rng, false);
        MapShape maps = conv.outputShape();
        MaxPool2d pool = new MaxPool2d("pool", maps, 2);
        Sequential net = new Sequential("convnet", List.of(conv,
                BatchNorm.builder(maps.channels()).name("bn").featureMaps(maps.height(), maps.width()).build(),
                new Tanh("tanh"), pool, new Flatten(pool.outputShape()),
                new Linear("fc", pool.outputShape().size(), 3, Init.xavier(), rng)));
        Batch batch = new Batch(TestData.gaussian(4, in.size(), 0.0, 1.0, 10), new int[] {0, 1, 2, 1}, null);
        GradientCheck.Result r = GradientCheck.model(net, new SoftmaxCrossEntropy(), batch, Mode.TRAIN, 50, 11);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }
}
