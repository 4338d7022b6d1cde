/**
 * The mathematics of the Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe
 * 2023): mixtures of truncated normal and categorical kernels over the unit cube. The sampler
 * that uses them is {@link org.sparktune.search.TpeSampler}.
 */
package org.sparktune.search.tpe;
