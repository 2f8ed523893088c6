/**
 * Graded exercises: {@link org.bnkit.exercise.Check} compares a student's code with the library
 * and explains a failure (what, by how much, a hint); the student versions of the notebooks,
 * made by {@code ./bnkit assignments}, replace each solution with a stub that throws
 * "not implemented yet".
 */
package org.bnkit.exercise;
