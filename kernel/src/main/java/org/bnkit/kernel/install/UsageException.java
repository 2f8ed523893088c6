package org.bnkit.kernel.install;

/** Command-line arguments that make no sense; the message says which, and the usage follows. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
