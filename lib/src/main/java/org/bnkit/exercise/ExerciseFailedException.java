package org.bnkit.exercise;

/**
 * A graded exercise's check failed. The message says which exercise, what is wrong, by how much,
 * and gives a hint.
 */
public final class ExerciseFailedException extends RuntimeException {
    public ExerciseFailedException(String message) {
        super(message);
    }

    public ExerciseFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
