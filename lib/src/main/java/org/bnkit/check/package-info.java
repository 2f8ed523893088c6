/**
 * Checks: gradient checks by central finite differences ({@link org.bnkit.check.GradientCheck}),
 * the kit's numerical tolerances in one place ({@link org.bnkit.check.Tolerances}), and the claims
 * a notebook's prose makes, asserted against its measurements ({@link org.bnkit.check.Claims}).
 */
package org.bnkit.check;
