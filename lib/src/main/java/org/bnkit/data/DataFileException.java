package org.bnkit.data;

import java.nio.file.Path;

/**
 * A data file is missing, truncated or corrupt. The message names the file, what was expected,
 * and how to restore it.
 */
public final class DataFileException extends RuntimeException {
    private final transient Path file;

    public DataFileException(Path file, String problem, String remedy) {
        super(file + ": " + problem + ". " + remedy);
        this.file = file;
    }

    public DataFileException(Path file, String problem, String remedy, Throwable cause) {
        super(file + ": " + problem + ". " + remedy, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
