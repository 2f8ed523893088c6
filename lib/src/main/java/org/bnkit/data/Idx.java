package org.bnkit.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A reader for gzipped IDX files, the format of LeCun's MNIST distribution: a big-endian header
 * (two zero bytes, a type code, the number of dimensions, then each dimension as a 32-bit integer)
 * followed by the data. Only unsigned bytes (type 0x08) occur in MNIST and are supported.
 */
final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    /** An IDX array: its dimensions and its bytes in row-major order. */
    record Array(int[] dims, byte[] data) {
    }

    private Idx() {
    }

    /**
     * Reads a gzipped IDX file and checks its shape.
     *
     * @param expectedDims the dimensions the caller expects; a value of -1 accepts any size
     * @param remedy       what to tell the reader if the file is bad
     */
    static Array read(Path file, int[] expectedDims, String remedy) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
            int zero = in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int rank = in.readUnsignedByte();
            if (zero != 0 || type != UNSIGNED_BYTE || rank != expectedDims.length) {
                throw new DataFileException(file, String.format("not an IDX file of unsigned bytes with %d dimensions "
                        + "(header 0x%04x%02x%02x; expected 0x0000%02x%02x)", expectedDims.length, zero, type, rank,
                        UNSIGNED_BYTE, expectedDims.length), remedy);
            }
            int[] dims = new int[rank];
            long count = 1;
            for (int k = 0; k < rank; k++) {
                dims[k] = in.readInt();
                if (dims[k] <= 0 || (expectedDims[k] != -1 && dims[k] != expectedDims[k])) {
                    throw new DataFileException(file, "dimensions " + Arrays.toString(readSoFar(dims, k))
                            + " do not match the expected " + Arrays.toString(expectedDims), remedy);
                }
                count *= dims[k];
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new DataFileException(file, "too large (" + count + " values)", remedy);
            }
            byte[] data = new byte[(int) count];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new DataFileException(file, "truncated: expected " + data.length + " bytes of data after the header "
                        + Arrays.toString(dims) + ", the file ends after " + read, remedy);
            }
            if (in.read() != -1) {
                throw new DataFileException(file, "has data after the " + data.length + " bytes its header "
                        + Arrays.toString(dims) + " announces", remedy);
            }
            return new Array(dims, data);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "file not found (working directory " + Path.of("").toAbsolutePath() + ")", remedy, e);
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated: the file ends inside the IDX header or the gzip stream", remedy, e);
        } catch (ZipException e) {
            throw new DataFileException(file, "corrupt gzip data (" + e.getMessage() + ")", remedy, e);
        } catch (IOException e) {
            throw new DataFileException(file, "could not be read (" + e + ")", remedy, e);
        }
    }

    private static int[] readSoFar(int[] dims, int k) {
        return Arrays.copyOf(dims, k + 1);
    }
}
