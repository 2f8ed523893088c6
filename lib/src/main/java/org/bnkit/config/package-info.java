/**
 * The kit's knobs ({@link org.bnkit.config.Knobs}): settings read from system properties and
 * environment variables, such as the quick mode CI runs the notebooks in.
 */
package org.bnkit.config;
