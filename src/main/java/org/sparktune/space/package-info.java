/**
 * Search spaces: named dimensions ({@link org.sparktune.space.Dimension}) over the closed family
 * of {@link org.sparktune.space.Distribution}s, optionally conditional on an earlier dimension's
 * value ({@link org.sparktune.space.Condition}), bound to the MLlib params of an estimator's
 * stages, nested ones included ({@link org.sparktune.space.NestedStages}). Samplers see the
 * dimensions and plain values, never MLlib params; {@link org.sparktune.space.SearchSpace} turns
 * a sampled point into a {@code ParamMap}.
 */
package org.sparktune.space;
