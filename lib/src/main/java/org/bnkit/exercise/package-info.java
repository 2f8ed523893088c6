/**
 * Graded exercises. One grader class per notebook ({@link org.bnkit.exercise.Notebook03} grades
 * exercises 3.1 and 3.2, ...): a notebook's check cell is one call that hands over the student's
 * function, and the grader runs it on its own cases against the library, naming a common slip
 * when the wrong answer is the one that slip gives. {@link org.bnkit.exercise.Grading} holds the
 * comparisons and messages (what, by how much, a hint). The student versions of the notebooks,
 * made by {@code ./bnkit assignments}, replace each solution with a stub that throws "not
 * implemented yet"; {@code ./bnkit grade} runs submitted notebooks with the instructor's check
 * cells restored and writes a gradebook.
 */
package org.bnkit.exercise;
