package org.bnkit.check;

/**
 * A claim of a notebook's prose that its own measurement contradicts ({@link Claims}). The
 * message gives the claim and the numbers measured.
 */
public class ClaimFailedException extends IllegalStateException {
    /** A failed claim with its message. */
    public ClaimFailedException(String message) {
        super(message);
    }
}
