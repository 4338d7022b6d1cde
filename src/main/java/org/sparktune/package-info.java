/**
 * The Spark ML face of sparktune: {@link org.sparktune.HyperparameterSearch}, an
 * {@code Estimator} that tunes any estimator by a study, and {@link org.sparktune.TunedModel},
 * the {@code Model} it produces: best model, best params, every trial, MLlib persistence.
 */
package org.sparktune;
