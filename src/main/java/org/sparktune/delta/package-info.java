/**
 * Delta Lake as a study's input: {@link org.sparktune.delta.DeltaInput} pins a Delta table (a
 * path or a catalog name) to one version, which every fold, trial and the refit read, and which
 * the study records with each of its events and in the model's provenance.
 */
package org.sparktune.delta;
