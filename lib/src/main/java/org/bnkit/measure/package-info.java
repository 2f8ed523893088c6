/**
 * The instruments the notebooks plot: {@link org.bnkit.measure.Percentiles} and
 * {@link org.bnkit.measure.UnitTrace} (a unit's input distribution over training, Figure 1 of the
 * paper).
 */
package org.bnkit.measure;
