/**
 * Gradient checks by central finite differences ({@link org.bnkit.check.GradientCheck}) and the
 * kit's numerical tolerances in one place ({@link org.bnkit.check.Tolerances}).
 */
package org.bnkit.check;
