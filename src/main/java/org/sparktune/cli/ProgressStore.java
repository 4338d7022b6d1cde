package org.sparktune.cli;

import java.time.Duration;
import java.util.List;
import org.sparktune.study.TrialEvent;
import org.sparktune.study.TrialStore;

/**
 * A {@link TrialStore} that passes every event to the store it wraps and then to a {@link
 * Progress}: the console's progress line is fed by the study's own log, so it counts what the
 * study recorded, nothing else. Thread-safe as the wrapped store is; the progress is
 * synchronized.
 */
final class ProgressStore implements TrialStore {

  private final TrialStore store;
  private final Progress progress;

  /** Wraps {@code store}; the events it holds already (a resumed study's) count as done. */
  ProgressStore(TrialStore store, Progress progress) {
    this.store = store;
    this.progress = progress;
    for (TrialEvent e : store.events()) {
      progress.replayed(e);
    }
  }

  @Override
  public void append(TrialEvent event) {
    store.append(event);
    progress.record(event);
  }

  @Override
  public List<TrialEvent> events() {
    return store.events();
  }

  @Override
  public boolean shared() {
    return store.shared();
  }

  @Override
  public boolean claim(TrialEvent event, String key) {
    boolean won = store.claim(event, key);
    if (won) {
      progress.record(event);
    }
    return won;
  }

  @Override
  public Duration lease() {
    return store.lease();
  }
}
