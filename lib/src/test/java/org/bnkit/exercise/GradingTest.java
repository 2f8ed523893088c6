package org.bnkit.exercise;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradingTest {

    @Test
    void passingChecksDoNotThrow() {
        assertDoesNotThrow(() -> Grading.exercise("1.1", "identity", () ->
                Grading.close("x", new double[] {1, 2}, new double[] {1, 2 + 1e-12}, 1e-9, "none")));
    }

    @Test
    void wrongValueNamesExerciseEntryAmountAndHint() {
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () -> Grading.exercise("3.1", "BN forward", () ->
                Grading.close("y", new DMatrixRMaj(2, 2, true, 1, 2, 3, 4), new DMatrixRMaj(2, 2, true, 1, 2, 3, 4.5), 1e-9,
                        "did you divide by sqrt(var + eps)?")));
        String m = e.getMessage();
        assertTrue(m.startsWith("Exercise 3.1 (BN forward): y is wrong at entry (1, 1)"), m);
        assertTrue(m.contains("expected 4.000000000, got 4.500000000") && m.contains("off by 0.5"), m);
        assertTrue(m.contains("1 of 4 entries") && m.contains("Hint: did you divide"), m);
    }

    @Test
    void wrongShapeIsReportedBeforeValues() {
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () ->
                Grading.close("y", new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 2), 1e-9, "rows are examples"));
        assertTrue(e.getMessage().contains("has shape (3, 2), expected (2, 3)"), e.getMessage());
    }

    @Test
    void stubIsReportedAsNotImplemented() {
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () -> Grading.exercise("4.1", "BN backward", () -> {
            throw Grading.notImplemented("write the BN backward pass");
        }));
        assertTrue(e.getMessage().startsWith("Exercise 4.1 (BN backward) is not implemented yet: write the BN backward pass"),
                e.getMessage());
    }

    @Test
    void nanIsNeverClose() {
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () ->
                Grading.close("v", 1.0, Double.NaN, 1e-3, "check for 0/0"));
        assertTrue(e.getMessage().contains("got NaN"), e.getMessage());
    }

    @Test
    void anExceptionFromStudentCodeIsExplained() {
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () -> Grading.exercise("2.2", "whitening", () -> {
            throw new ArrayIndexOutOfBoundsException("Index 5 out of bounds for length 5");
        }));
        assertTrue(e.getMessage().contains("your code threw java.lang.ArrayIndexOutOfBoundsException"), e.getMessage());
    }

    @Test
    void aFailureThatMatchesAKnownMistakeNamesIt() {
        DMatrixRMaj expected = new DMatrixRMaj(1, 2, true, 3, 5), withoutShift = new DMatrixRMaj(1, 2, true, 2, 4);
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () -> Grading.close("y", expected,
                new DMatrixRMaj(1, 2, true, 2, 4), 1e-9, "y = gamma x_hat + beta",
                Grading.mistake("scaling the input", new DMatrixRMaj(1, 2, true, 6, 10)),
                Grading.mistake("leaving out the shift beta", withoutShift)));
        String m = e.getMessage();
        assertTrue(m.contains("Your result is what you get by leaving out the shift beta. Hint: y = gamma x_hat + beta"), m);
        assertTrue(!m.contains("scaling the input"), m);
    }

    @Test
    void aFailureThatMatchesNoMistakeKeepsTheGenericMessage() {
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () -> Grading.close("g", new double[] {1, 2},
                new double[] {1, 3}, 1e-9, "sum over the batch", Grading.mistake("forgetting gamma", new double[] {1, 2.5})));
        assertTrue(e.getMessage().endsWith("Hint: sum over the batch") && !e.getMessage().contains("forgetting"), e.getMessage());
    }

    @Test
    void aPassingCheckIgnoresTheMistakes() {
        assertDoesNotThrow(() -> Grading.close("g", new double[] {1, 2}, new double[] {1, 2}, 1e-9, "none",
                Grading.mistake("anything", new double[] {1, 2})));
    }

    @Test
    void aChangedInputIsReportedWithItsEntry() {
        DMatrixRMaj before = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4), after = new DMatrixRMaj(2, 2, true, 1, 2, 0, 4);
        ExerciseFailedException e = assertThrows(ExerciseFailedException.class, () -> Grading.unmodified("x", before, after));
        assertTrue(e.getMessage().startsWith("your code changed its input x: entry (1, 0) was 3.000000000 and is now 0.000000000"),
                e.getMessage());
        assertDoesNotThrow(() -> Grading.unmodified("x", before, before.copy()));
    }
}
