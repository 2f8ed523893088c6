/**
 * Data: {@link org.bnkit.data.Mnist} (the original IDX files, grayscale or binarized as in the
 * paper), {@link org.bnkit.data.Dataset} and {@link org.bnkit.data.Batch}, and seeded
 * {@link org.bnkit.data.Synthetic} generators.
 */
package org.bnkit.data;
