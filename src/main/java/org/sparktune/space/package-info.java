/**
 * Search spaces: named dimensions ({@link org.sparktune.space.Dimension}) over closed families
 * of {@link org.sparktune.space.Distribution}s, bound to the MLlib params of an estimator's
 * stages. Samplers see names and plain values only; {@link org.sparktune.space.SearchSpace}
 * turns a sampled point into a {@code ParamMap}.
 */
package org.sparktune.space;
