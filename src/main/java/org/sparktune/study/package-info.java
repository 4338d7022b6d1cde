/**
 * Studies and their trials: {@link org.sparktune.study.Study} drives ask/tell over a sampler;
 * {@link org.sparktune.study.Trial} records are the one source of truth, kept by a
 * {@link org.sparktune.study.TrialStore} (in memory, or a Delta table) and replayed on resume.
 */
package org.sparktune.study;
