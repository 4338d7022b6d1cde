/**
 * The Spark ML face of sparktune, and only that: {@link org.sparktune.HyperparameterSearch},
 * an {@code Estimator} that tunes any estimator by a study; {@link org.sparktune.TunedModel},
 * the {@code Model} it produces (best model, best params, every trial and rung); {@link
 * org.sparktune.ModelChoice} and {@link org.sparktune.ModelChoiceModel}, model selection inside
 * one search. All four save and load with MLlib persistence, in the layout {@code persist}
 * writes and reads, and are listed for {@link java.util.ServiceLoader} under {@code
 * META-INF/services}. Checks, provenance, the trial tables and the search itself live in {@code
 * exec} and {@code study}; nothing below imports this package.
 */
package org.sparktune;
