/**
 * MLlib persistence of the Spark ML face's stages ({@code HyperparameterSearch}, {@code
 * TunedModel}, {@code ModelChoice}, {@code ModelChoiceModel}): metadata in MLlib's layout, the
 * stages they hold saved by their own writers beside it, and a tuned model's trials as one JSON
 * line each. The face builds its stages from what these classes read; nothing here imports it.
 */
package org.sparktune.persist;
