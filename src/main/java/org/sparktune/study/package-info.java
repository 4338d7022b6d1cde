/**
 * Studies and their trials: {@link org.sparktune.study.Study} drives ask/tell over a sampler
 * and records every change as a {@link org.sparktune.study.TrialEvent} in a {@link
 * org.sparktune.study.TrialStore}, an append-only log that is the one source of truth and is
 * replayed on resume. A {@link org.sparktune.study.Trial} carries every {@link
 * org.sparktune.study.Rung} it ran and how it ended. The one store today is {@link
 * org.sparktune.study.InMemoryTrialStore}.
 */
package org.sparktune.study;
