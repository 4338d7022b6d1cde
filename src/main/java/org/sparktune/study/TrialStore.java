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

  /**
   * Whether runs in other drivers may write this store while this one does (a log on shared
   * storage). A study over a shared store reads the others' events as it goes, claims each
   * trial number with {@link #claim}, and takes a run for stopped only once it has written
   * nothing for its {@link #lease}.
   */
  default boolean shared() {
    return false;
  }

  /**
   * Records {@code event} unless an event was recorded under {@code key} before, atomically
   * against every other writer of the store; returns whether it was recorded. A store no other
   * run writes records it, as {@link #append} does.
   */
  default boolean claim(TrialEvent event, String key) {
    append(event);
    return true;
  }

  /**
   * How long a run writing this store may go without writing before other runs take it for
   * stopped; a run of a shared study writes a heartbeat four times as often.
   */
  default java.time.Duration lease() {
    return java.time.Duration.ofMinutes(2);
  }
}
