/**
 * Delta Lake as a study's input: {@link org.sparktune.delta.DeltaInput} pins a Delta table (a
 * path or a catalog name) to one version, which every fold, trial and the refit read, and which
 * the study records with each of its events and in the model's provenance; {@link
 * org.sparktune.delta.DeltaStudyLog} keeps a study's events in a Delta table that several jobs
 * may share; {@link org.sparktune.delta.ModelRegistry} keeps each fit's best model and its row.
 */
package org.sparktune.delta;
