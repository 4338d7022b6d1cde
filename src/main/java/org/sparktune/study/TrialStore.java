package org.sparktune.study;

import java.util.List;

/**
 * Where a study keeps its trials: the one source of truth, replayed when a study resumes.
 *
 * <p>Contract: {@link #put} upserts by trial number and is durable when it returns; {@link
 * #load} returns every trial put, by number. Implementations are thread-safe.
 */
public interface TrialStore {

  /** Records {@code trial}, replacing an earlier record of the same number. */
  void put(Trial trial);

  /** Every trial recorded, ordered by number. */
  List<Trial> load();
}
