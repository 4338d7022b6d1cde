/**
 * The mathematics of Gaussian-process Bayesian optimisation: Matérn-5/2 ARD regression and log
 * expected improvement. The sampler that uses them is {@link org.sparktune.search.GpSampler}.
 */
package org.sparktune.search.gp;
