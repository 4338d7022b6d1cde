/**
 * Studies and their trials: {@link org.sparktune.study.Study} drives ask/tell over a sampler
 * and records every change as a {@link org.sparktune.study.TrialEvent} in a {@link
 * org.sparktune.study.TrialStore}, an append-only log that is the one source of truth and is
 * replayed when a study is created over a store that already holds some. A {@link
 * org.sparktune.study.Trial} carries every {@link org.sparktune.study.Rung} it ran and how it
 * ended. The one store today is {@link org.sparktune.study.InMemoryTrialStore}, which keeps
 * events for the life of the JVM that holds it.
 */
package org.sparktune.study;
