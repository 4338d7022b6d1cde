/**
 * The Spark ML face of sparktune: {@link org.sparktune.HyperparameterSearch}, an
 * {@code Estimator} that tunes any estimator by a study, and {@link org.sparktune.TunedModel},
 * the {@code Model} it produces: best model, best params, every trial, MLlib persistence.
 * {@link org.sparktune.ModelChoice} lets one search choose between estimators, fitting to a
 * {@link org.sparktune.ModelChoiceModel}. All four save and load with MLlib persistence and are
 * listed for {@link java.util.ServiceLoader} under {@code META-INF/services}.
 */
package org.sparktune;
