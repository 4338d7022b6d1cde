package org.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sparktune.search.GridSampler;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;

class StudyTest {

  private static final SearchSpace SPACE = new SearchSpace().uniform("x", -1, 1);

  @Test
  void asksNumberFromZeroAndKeepsTheBestInItsDirection() {
    Study max = Study.create(SPACE, new RandomSampler(), Direction.MAXIMIZE, 1);
    Study min = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 1);
    for (int i = 0; i < 5; i++) {
      Trial a = max.ask();
      Trial b = min.ask();
      assertEquals(i, a.number());
      max.tell(a, (Double) a.params().get("x"));
      min.tell(b, (Double) b.params().get("x"));
    }
    double best = max.trials().stream().mapToDouble(Trial::value).max().orElseThrow();
    double worst = min.trials().stream().mapToDouble(Trial::value).min().orElseThrow();
    assertEquals(best, max.bestTrial().orElseThrow().value());
    assertEquals(worst, min.bestTrial().orElseThrow().value());
  }

  @Test
  void tellingATrialNeverAskedOrTwiceFails() {
    Study study = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 1);
    Study other = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 2);
    Trial t = study.ask();
    IllegalArgumentException never = assertThrows(IllegalArgumentException.class,
        () -> other.tell(t, 1.0));
    assertEquals("trial 0 was never asked by this study (0 trials asked so far); tell only"
        + " trials that this study's ask() returned.", never.getMessage());
    study.tell(t, TrialState.FAILED);
    IllegalStateException twice = assertThrows(IllegalStateException.class,
        () -> study.tell(t, 1.0));
    assertEquals("trial 0 was already told (FAILED); each trial is told once: ask() a new trial"
        + " to try again.", twice.getMessage());
    assertFalse(study.bestTrial().isPresent());
  }

  @Test
  void enqueuedParamsComeFirstAndAreChecked() {
    Study study = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 1);
    study.enqueue(Map.of("x", 0.25));
    assertEquals(Map.of("x", 0.25), study.ask().params());
    assertThrows(IllegalArgumentException.class, () -> study.enqueue(Map.of("x", 3.0)));
  }

  @Test
  void gridRunsOut() {
    Study study = Study.create(new SearchSpace().categorical("c", "a", "b"), new GridSampler(),
        Direction.MINIMIZE, 1);
    study.tell(study.ask(), 1);
    study.tell(study.ask(), 2);
    assertFalse(study.hasNext());
  }

  @Test
  void studyResumedFromItsStoreProposesWhatTheFirstRunWould() {
    Study full = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 4);
    List<Map<String, Object>> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Trial t = full.ask();
      expected.add(t.params());
      full.tell(t, 0.0);
    }
    TrialStore store = new InMemoryTrialStore();
    Study first = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 4, store);
    for (int i = 0; i < 3; i++) {
      first.tell(first.ask(), 0.0);
    }
    Study resumed = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 4, store);
    for (int i = 3; i < 6; i++) {
      Trial t = resumed.ask();
      assertEquals(i, t.number());
      assertEquals(expected.get(i), t.params());
      resumed.tell(t, 0.0);
    }
    assertEquals(6, Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 4, store)
        .trials().size());
  }

  @Test
  void manyThreadsAskAndTellWithoutLosingATrial() throws Exception {
    Study study = Study.create(SPACE, new RandomSampler(), Direction.MINIMIZE, 1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            Trial t = study.ask();
            study.tell(t, (Double) t.params().get("x"));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Set<Integer> numbers = new HashSet<>();
    study.trials().forEach(t -> numbers.add(t.number()));
    assertEquals(200, numbers.size());
    assertEquals(200, study.trials().stream()
        .filter(t -> t.state() == TrialState.COMPLETE).count());
  }

  @Test
  void trialResultRejectsRunningAndCompleteWithoutValue() {
    assertThrows(IllegalArgumentException.class,
        () -> new TrialResult(TrialState.RUNNING, 1, List.of(), null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrialResult(TrialState.COMPLETE, Double.NaN, List.of(), null));
    assertEquals("a COMPLETE trial needs a value but got NaN; tell it as FAILED with the reason"
        + " instead.", e.getMessage());
  }

  @Test
  void trialJsonRoundTripKeepsValueKinds() {
    Study study = Study.create(new SearchSpace().uniform("x", 0, 1).intRange("n", 1, 5)
        .categorical("c", "a", "b").categorical("f", true, false), new RandomSampler(),
        Direction.MINIMIZE, 3);
    Trial t = study.tell(study.ask(), new TrialResult(TrialState.COMPLETE, 0.5,
        List.of(0.4, 0.6), null));
    assertEquals(t, TrialJson.read(TrialJson.write(t)));
  }
}
