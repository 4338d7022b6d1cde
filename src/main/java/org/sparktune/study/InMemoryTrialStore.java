package org.sparktune.study;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A trial store in the driver's memory: the default when no study log is given. */
public final class InMemoryTrialStore implements TrialStore {

  private final TreeMap<Integer, Trial> trials = new TreeMap<>();

  @Override
  public synchronized void put(Trial trial) {
    trials.put(trial.number(), trial);
  }

  @Override
  public synchronized List<Trial> load() {
    return new ArrayList<>(trials.values());
  }
}
