/**
 * The sparktune job ({@link org.sparktune.cli.Main}): picocli subcommands {@code tune}, {@code
 * resume}, {@code report}, {@code leaderboard} and {@code validate} over a study config in YAML or JSON, read
 * strictly into a {@code HyperparameterSearch} (estimators and evaluators found by class name
 * through one reflective registry), a quiet console with a progress line fed by the study's
 * own events, outputs (model, trials, HTML report) written to a folder owned by one study, and documented exit codes. Only
 * this package configures logging, and only when the job runs.
 */
package org.sparktune.cli;
