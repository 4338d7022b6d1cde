package org.sparktune.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparktune.schedule.FullBudget;
import org.sparktune.schedule.ThresholdStopping;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/**
 * The trial loop on plain tasks: concurrency, failures, budgets, timeouts and study-level
 * stops, without Spark.
 */
class TrialLoopTest {

  private static Study study() {
    return Study.create(new SearchSpace().uniform("x", 0, 1), new RandomSampler(),
        Direction.MINIMIZE, 1);
  }

  private static TrialLoop loop(Study study, int parallelism, int maxTrials, Duration timeout) {
    return new TrialLoop(study, new FullBudget(),
        new LoopSettings(parallelism, maxTrials, timeout, true));
  }

  @Test
  void runsParallelismTrialsAtOnce() {
    Study study = study();
    CyclicBarrier together = new CyclicBarrier(3);
    loop(study, 3, 6, null).run((trial, budget, slot) -> {
      // Passes only if three trials are running at the same time.
      together.await(30, TimeUnit.SECONDS);
      return List.of((Double) trial.params().get("x"));
    }, t -> { });
    assertEquals(6, study.trials().size());
    assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
  }

  @Test
  void trialThatThrowsIsRecordedFailedAndTheStudyGoesOn() {
    Study study = study();
    loop(study, 2, 5, null).run((trial, budget, slot) -> {
      if (trial.number() == 1) {
        throw new IllegalStateException("boom\nsecond line");
      }
      return List.of((double) trial.number());
    }, t -> { });
    List<Trial> trials = study.trials();
    assertEquals(5, trials.size());
    assertEquals(TrialState.FAILED, trials.get(1).state());
    assertEquals("IllegalStateException: boom", trials.get(1).error());
    assertEquals(4, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
  }

  @Test
  void timeoutCancelsRunningTrialsAndAsksNoMore() {
    Study study = study();
    CountDownLatch cancelled = new CountDownLatch(1);
    TrialLoop.Ending ending = loop(study, 2, 100, Duration.ofMillis(200)).run(
        (trial, budget, slot) -> {
          if (!cancelled.await(60, TimeUnit.SECONDS)) {
            return List.of(0.0);
          }
          throw new IllegalStateException("job cancelled");
        }, t -> cancelled.countDown());
    assertEquals(TrialLoop.Ending.TIMEOUT, ending);
    assertEquals(2, study.trials().size());
    for (Trial t : study.trials()) {
      assertEquals(TrialState.PRUNED, t.state());
      assertTrue(t.rungs().isEmpty());
      assertEquals("stopped at the study timeout of 0.2 s while running data fraction 1.0",
          t.error());
    }
  }

  @Test
  void aResultThatComesBackAfterTheTimeoutDoesNotCount() {
    Study study = study();
    CountDownLatch cancelled = new CountDownLatch(1);
    loop(study, 1, 100, Duration.ofMillis(200)).run((trial, budget, slot) -> {
      cancelled.await(60, TimeUnit.SECONDS);
      return List.of(1.0);
    }, t -> cancelled.countDown());
    Trial only = study.trials().get(0);
    assertEquals(TrialState.PRUNED, only.state());
    assertTrue(only.rungs().isEmpty());
  }

  @Test
  @Timeout(60)
  void theLoopReturnsWithinTheGraceOfATaskThatIgnoresTheCancelAndHearsNothingFromItLater()
      throws InterruptedException {
    Study study = study();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    long start = System.nanoTime();
    TrialLoop.Ending ending = loop(study, 1, 100, Duration.ofMillis(300)).run(
        (trial, budget, slot) -> {
          // Ignores the cancel hook and every interrupt: waits to be released by the test.
          boolean released = false;
          while (!released) {
            try {
              released = release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              released = release.getCount() == 0;
            }
          }
          returned.countDown();
          return List.of(1.0);
        }, t -> { });
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(TrialLoop.Ending.TIMEOUT, ending);
    assertTrue(seconds < 0.3 + TrialLoop.GRACE.toMillis() / 1000.0 + 1.0, "took " + seconds);
    List<Trial> atReturn = study.trials();
    assertEquals(TrialState.PRUNED, atReturn.get(0).state());
    release.countDown();
    assertTrue(returned.await(30, TimeUnit.SECONDS));
    assertEquals(atReturn, study.trials());
  }

  @Test
  void aTrialPastTheTrialTimeoutIsPrunedAndTheStudyGoesOn() {
    Study study = study();
    Set<Integer> cancelled = ConcurrentHashMap.newKeySet();
    CountDownLatch stop = new CountDownLatch(1);
    TrialLoop.Ending ending = new TrialLoop(study, new FullBudget(), new LoopSettings(2, 5,
        null, true, Duration.ofMillis(300), 0, null)).run((trial, budget, slot) -> {
          if (trial.number() == 1) {
            stop.await(60, TimeUnit.SECONDS);
            throw new IllegalStateException("job cancelled");
          }
          return List.of((double) trial.number());
        }, t -> {
          cancelled.add(t.number());
          stop.countDown();
        });
    assertEquals(TrialLoop.Ending.SCHEDULE_DONE, ending);
    assertEquals(Set.of(1), cancelled);
    List<Trial> trials = study.trials();
    assertEquals(5, trials.size());
    assertEquals(TrialState.PRUNED, trials.get(1).state());
    assertEquals("stopped at the trial timeout of 0.3 s while running data fraction 1.0",
        trials.get(1).error());
    assertEquals(4, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
  }

  @Test
  void theTrialTimeoutClocksEachRungApart() {
    Study study = study();
    // Three rungs (1/9, 1/3, 1) of 0.5 s each: 1.5 s in all, each within the 1 s budget.
    ThresholdStopping climbAll = new ThresholdStopping().setMinFraction(1.0 / 9)
        .setThreshold(1e9);
    CountDownLatch never = new CountDownLatch(1);
    new TrialLoop(study, climbAll, new LoopSettings(1, 1, null, true, Duration.ofSeconds(1),
        0, null)).run((trial, budget, slot) -> {
          // Stands for half a second of work, or less if the trial is cancelled.
          never.await(500, TimeUnit.MILLISECONDS);
          return List.of(0.5);
        }, t -> never.countDown());
    Trial only = study.trials().get(0);
    assertEquals(TrialState.COMPLETE, only.state(), only.error());
    assertEquals(3, only.rungs().size());
  }

  @Test
  void stopsAtMaxTrialsCountingTrialsTheStudyAlreadyHeld() {
    Study study = study();
    study.tell(study.ask(), 1.0);
    loop(study, 1, 3, null).run((trial, budget, slot) -> List.of(2.0), t -> { });
    assertEquals(3, study.trials().size());
  }

  /** Trial n's value (minimized): 5, 4, 6, 7, 3, 8, 9, 10, … */
  private static final double[] VALUES = {5, 4, 6, 7, 3, 8, 9, 10, 11, 12, 13, 14};

  private static Study runWithStops(Direction direction, int parallelism, int noImprovement,
      Double target, TrialLoop.Ending expected) {
    Study study = Study.create(new SearchSpace().uniform("x", 0, 1), new RandomSampler(),
        direction, 1);
    double sign = direction == Direction.MINIMIZE ? 1 : -1;
    TrialLoop.Ending ending = new TrialLoop(study, new FullBudget(), new LoopSettings(
        parallelism, 12, null, true, null, noImprovement, target)).run(
            (trial, budget, slot) -> List.of(sign * VALUES[trial.number()]), t -> { });
    assertEquals(expected, ending);
    return study;
  }

  @Test
  void noImprovementInNTrialsStopsAskingAtADeterministicTrial() {
    // Trials 0 and 1 improve, 2 and 3 do not: the rule holds after trial 3.
    assertEquals(4, runWithStops(Direction.MINIMIZE, 1, 2, null,
        TrialLoop.Ending.NO_IMPROVEMENT).trials().size());
    // At parallelism 2 trial n is asked seeing trials n - 2 and below: trial 4 is still asked.
    for (int run = 0; run < 3; run++) {
      Study study = runWithStops(Direction.MINIMIZE, 2, 2, null,
          TrialLoop.Ending.NO_IMPROVEMENT);
      assertEquals(5, study.trials().size());
      assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }
    assertEquals(12, runWithStops(Direction.MINIMIZE, 1, 20, null,
        TrialLoop.Ending.SCHEDULE_DONE).trials().size());
  }

  @Test
  void aTargetReachedInTheStudysDirectionStopsAskingTrials() {
    assertEquals(2, runWithStops(Direction.MINIMIZE, 1, 0, 4.0,
        TrialLoop.Ending.TARGET_REACHED).trials().size());
    assertEquals(3, runWithStops(Direction.MINIMIZE, 2, 0, 4.0,
        TrialLoop.Ending.TARGET_REACHED).trials().size());
    // Maximizing -value: -4 reaches a target of -4.5 (at least it), -5 does not.
    assertEquals(2, runWithStops(Direction.MAXIMIZE, 1, 0, -4.5,
        TrialLoop.Ending.TARGET_REACHED).trials().size());
    assertEquals(12, runWithStops(Direction.MINIMIZE, 1, 0, 1.0,
        TrialLoop.Ending.SCHEDULE_DONE).trials().size());
  }
}
