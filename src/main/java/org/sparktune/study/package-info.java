/**
 * Studies and their trials: {@link org.sparktune.study.Study} drives ask/tell over a sampler;
 * {@link org.sparktune.study.Trial} records are the one source of truth, kept by a
 * {@link org.sparktune.study.TrialStore} and replayed when a study is created over a store that
 * already holds some. The store here is {@link org.sparktune.study.InMemoryTrialStore}, which
 * keeps trials for the life of the JVM that holds it.
 */
package org.sparktune.study;
