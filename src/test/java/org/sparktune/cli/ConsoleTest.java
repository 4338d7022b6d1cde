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
    Rung rung = kind == TrialEvent.Kind.RUNG_REPORTED
        ? Rung.of(0, 0.5, List.of(0.7), Instant.EPOCH, Instant.EPOCH) : null;
    return new TrialEvent("s", "f", "", SEQ.getAndIncrement(), trial, kind, Instant.EPOCH, Map.of(), 0, rung,
        values, kind == TrialEvent.Kind.FAILED ? "boom" : null);
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
    Progress progress = new Progress(new PrintWriter(text, true), false, 5, "auc", true);
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
}
