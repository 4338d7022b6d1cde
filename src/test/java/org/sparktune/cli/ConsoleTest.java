package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Rung;
import org.sparktune.study.TrialEvent;

/** The job's console: its logging set-up and the progress line fed by the study's events. */
class ConsoleTest {

  private static final java.util.concurrent.atomic.AtomicLong SEQ =
      new java.util.concurrent.atomic.AtomicLong();

  private static TrialEvent event(int trial, TrialEvent.Kind kind, List<Double> values) {
    return event(trial, kind, values, 0.5);
  }

  private static TrialEvent event(int trial, TrialEvent.Kind kind, List<Double> values,
      double budget) {
    Rung rung = kind == TrialEvent.Kind.RUNG_REPORTED
        ? Rung.of(0, budget, List.of(0.7), Instant.EPOCH, Instant.EPOCH) : null;
    return new TrialEvent("s", "f", "", SEQ.getAndIncrement(), trial, kind, Instant.EPOCH,
        Map.of(), 0, rung, values, kind == TrialEvent.Kind.FAILED ? "boom" : null);
  }

  @Test
  void quietLoggingKeepsSparkOffTheConsoleAndVerboseShowsItsInfo() {
    ConsoleLogging.configure(false);
    assertFalse(LogManager.getLogger("org.apache.spark.scheduler.TaskSetManager")
        .isEnabled(Level.WARN));
    assertFalse(LogManager.getLogger("org.sparktune.exec.TrialLoop").isEnabled(Level.INFO));
    assertTrue(LogManager.getLogger("org.sparktune.exec.TrialLoop").isEnabled(Level.ERROR));
    ConsoleLogging.configure(true);
    assertTrue(LogManager.getLogger("org.apache.spark.SparkContext").isEnabled(Level.INFO));
    assertTrue(LogManager.getLogger("org.sparktune.exec.TrialLoop").isEnabled(Level.INFO));
    ConsoleLogging.configure(false);
  }

  @Test
  void theProgressLineCountsTheStudysOwnEventsAsTheyAreAppended() {
    StringWriter text = new StringWriter();
    InMemoryTrialStore log = new InMemoryTrialStore();
    log.append(event(0, TrialEvent.Kind.CREATED, List.of()));
    log.append(event(0, TrialEvent.Kind.FINISHED, List.of(0.8)));
    Progress progress = new Progress(new PrintWriter(text, true), false, 5, "auc", true,
        0);
    ProgressStore store = new ProgressStore(log, progress);
    store.append(event(1, TrialEvent.Kind.CREATED, List.of()));
    store.append(event(2, TrialEvent.Kind.CREATED, List.of()));
    store.append(event(1, TrialEvent.Kind.RUNG_REPORTED, List.of()));
    store.append(event(1, TrialEvent.Kind.FINISHED, List.of(0.9)));
    store.append(event(2, TrialEvent.Kind.FAILED, List.of()));
    assertEquals(7, store.events().size());
    String[] lines = text.toString().split("\n");
    assertEquals(3, lines.length, text.toString());
    assertTrue(lines[0].startsWith("trials 1/5  open 2  pruned 0  failed 0  rungs 1  best auc"
        + " 0.8000 (trial 0)  elapsed 0:00"), lines[0]);
    assertTrue(lines[2].startsWith("trials 3/5  open 0  pruned 0  failed 1  rungs 1  best auc"
        + " 0.9000 (trial 1)  elapsed 0:00  eta"), lines[2]);
  }

  @Test
  void theTimeLeftOfAMultiFidelityStudyComesFromTheWorkDoneNotTheTrialsEnded() {
    // Successive halving of 9 trials: 9 at 1/9, 3 at 1/3, 1 at all of it, 3 budgets of work.
    // The first rung reports 20 s in (the session, the data and the folds came before it), a
    // second with it, no estimate yet; the other 7 by 60 s: 8/9 of a budget in 40 s since the
    // first, and 2 budgets left.
    Progress progress = new Progress(new PrintWriter(new StringWriter(), true), false, 9, "auc",
        true, 9 * (1.0 / 9) + 3 * (1.0 / 3) + 1);
    for (int t = 0; t < 9; t++) {
      progress.record(event(t, TrialEvent.Kind.CREATED, List.of()), 0);
    }
    progress.record(event(0, TrialEvent.Kind.RUNG_REPORTED, List.of(), 1.0 / 9), 20);
    progress.record(event(1, TrialEvent.Kind.RUNG_REPORTED, List.of(), 1.0 / 9), 20.5);
    assertTrue(progress.line(21).endsWith("elapsed 0:21  eta -"), progress.line(21));
    for (int t = 2; t < 9; t++) {
      progress.record(event(t, TrialEvent.Kind.RUNG_REPORTED, List.of(), 1.0 / 9), 20 + 5 * t);
    }
    assertTrue(progress.line(60).startsWith("trials 0/9  open 9  pruned 0  failed 0  rungs 9"
        + "  best -  elapsed 1:00  eta 1:30"), progress.line(60));
    // A resumed run: the log's earlier rungs (a budget of work) are not this run's rate; its
    // own reports at 10 s, 20 s and 30 s are 2/3 of a budget in 20 s, and 2 budgets are left.
    Progress resumed = new Progress(new PrintWriter(new StringWriter(), true), false, 9, "auc",
        true, 4);
    for (int t = 0; t < 9; t++) {
      resumed.replayed(event(t, TrialEvent.Kind.CREATED, List.of()));
      resumed.replayed(event(t, TrialEvent.Kind.RUNG_REPORTED, List.of(), 1.0 / 9));
    }
    resumed.record(event(0, TrialEvent.Kind.RUNG_REPORTED, List.of(), 1.0 / 3), 10);
    assertTrue(resumed.line(10).endsWith("elapsed 0:10  eta -"), resumed.line(10));
    resumed.record(event(1, TrialEvent.Kind.RUNG_REPORTED, List.of(), 1.0 / 3), 20);
    assertTrue(resumed.line(20).endsWith("elapsed 0:20  eta -"), resumed.line(20));
    resumed.record(event(2, TrialEvent.Kind.RUNG_REPORTED, List.of(), 1.0 / 3), 30);
    assertTrue(resumed.line(30).endsWith("elapsed 0:30  eta 1:00"), resumed.line(30));
  }
}
