package org.sparktune.study;

import java.util.ArrayList;
import java.util.List;

/** A trial store in the driver's memory: the default when no other store is given. */
public final class InMemoryTrialStore implements TrialStore {

  private final List<TrialEvent> events = new ArrayList<>();

  @Override
  public synchronized void append(TrialEvent event) {
    events.add(event);
  }

  @Override
  public synchronized List<TrialEvent> events() {
    return List.copyOf(events);
  }
}
