package org.bnkit.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistTest {
    /** The vendored files, from the module directory (Maven runs tests in lib/). */
    static final Path DATA = Path.of("../data/mnist");

    @Test
    void loadsBothSplitsWithTheirKnownFirstLabelsAndClassCounts() {
        Dataset train = Mnist.train(DATA);
        Dataset test = Mnist.test(DATA);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(784, train.features());
        assertEquals(5, train.labels()[0]);
        assertEquals(7, test.labels()[0]);
        int[] counts = new int[10];
        for (int y : test.labels()) {
            counts[y]++;
        }
        // the test set's class sizes, as published with the dataset
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
    }

    @Test
    void binarizedPixelsAreZeroOrOneAndGrayscaleInUnitInterval() {
        Dataset bin = Mnist.load(DATA, Mnist.Split.TEST, Mnist.Variant.BINARIZED).head(200);
        Dataset gray = Mnist.load(DATA, Mnist.Split.TEST, Mnist.Variant.GRAYSCALE).head(200);
        double ones = 0;
        for (int i = 0; i < 200; i++) {
            double[] b = bin.input(i), g = gray.input(i);
            for (int k = 0; k < 784; k++) {
                assertTrue(b[k] == 0.0 || b[k] == 1.0);
                assertTrue(g[k] >= 0 && g[k] <= 1);
                assertEquals(g[k] >= 128 / 255.0 ? 1.0 : 0.0, b[k], 0.0);
                ones += b[k];
            }
        }
        double density = ones / (200 * 784);
        assertTrue(density > 0.08 && density < 0.25, "fraction of 1 pixels " + density);
    }

    @Test
    void missingFileNamesItAndHowToRestore(@TempDir Path dir) {
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.test(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout -- data/mnist"), e.getMessage());
    }

    @Test
    void truncatedFileSaysHowMuchWasExpected(@TempDir Path dir) throws IOException {
        copyLabels(dir);
        byte[] header = {0, 0, 8, 3, 0, 0, 0x27, 0x10, 0, 0, 0, 28, 0, 0, 0, 28};
        writeGz(dir.resolve("t10k-images-idx3-ubyte.gz"), header, new byte[1000]);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.test(dir));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("7840000"), e.getMessage());
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void wrongMagicNumberIsRejected(@TempDir Path dir) throws IOException {
        copyLabels(dir);
        byte[] header = {0, 0, 8, 1, 0, 0, 0x27, 0x10};
        writeGz(dir.resolve("t10k-images-idx3-ubyte.gz"), header, new byte[10000]);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.test(dir));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void wrongDimensionsAreRejected(@TempDir Path dir) throws IOException {
        copyLabels(dir);
        byte[] header = {0, 0, 8, 3, 0, 0, 0x27, 0x10, 0, 0, 0, 32, 0, 0, 0, 32};
        writeGz(dir.resolve("t10k-images-idx3-ubyte.gz"), header, new byte[0]);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.test(dir));
        assertTrue(e.getMessage().contains("do not match the expected [10000, 28, 28]"), e.getMessage());
    }

    @Test
    void corruptGzipIsRejected(@TempDir Path dir) throws IOException {
        copyLabels(dir);
        byte[] original = Files.readAllBytes(DATA.resolve("t10k-images-idx3-ubyte.gz"));
        for (int k = 5000; k < 5100; k++) {
            original[k] ^= 0x5A;
        }
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), original);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.test(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void uncompressedFileIsRejectedAsNotGzip(@TempDir Path dir) throws IOException {
        copyLabels(dir);
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {0, 0, 8, 3, 0, 0, 0x27, 0x10});
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.test(dir));
        assertTrue(e.getMessage().contains("corrupt gzip"), e.getMessage());
    }

    private static void copyLabels(Path dir) throws IOException {
        Files.copy(DATA.resolve("t10k-labels-idx1-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    private static void writeGz(Path file, byte[] header, byte[] body) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(header);
            out.write(body);
        }
    }
}
