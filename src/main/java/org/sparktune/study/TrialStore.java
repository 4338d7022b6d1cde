package org.sparktune.study;

import java.util.List;

/**
 * Where a study keeps its log: an append-only sequence of {@link TrialEvent}s, the one source
 * of truth, replayed when a study resumes.
 *
 * <p>Contract: {@link #append} is durable when it returns and never rewrites an earlier event;
 * {@link #events} returns every event appended, in any order (a study sorts them by {@code
 * seq}). A study appends outside its own lock, so a slow store does not hold up other threads'
 * asks and tells. Implementations are thread-safe.
 */
public interface TrialStore {

  /** Records {@code event} after every event already recorded. */
  void append(TrialEvent event);

  /** Every event recorded. */
  List<TrialEvent> events();
}
