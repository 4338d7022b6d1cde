package org.sparktune.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparktune.schedule.FullBudget;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/** The trial loop on plain tasks: concurrency, failures and budgets, without Spark. */
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
    loop(study, 2, 100, Duration.ofMillis(200)).run((trial, budget, slot) -> {
      if (!cancelled.await(60, TimeUnit.SECONDS)) {
        return List.of(0.0);
      }
      throw new IllegalStateException("job cancelled");
    }, t -> cancelled.countDown());
    assertEquals(2, study.trials().size());
    for (Trial t : study.trials()) {
      assertEquals(TrialState.FAILED, t.state());
      assertEquals("cancelled at the study timeout of PT0.2S (IllegalStateException: job"
          + " cancelled)", t.error());
    }
  }

  @Test
  void stopsAtMaxTrialsCountingTrialsTheStudyAlreadyHeld() {
    Study study = study();
    study.tell(study.ask(), 1.0);
    loop(study, 1, 3, null).run((trial, budget, slot) -> List.of(2.0), t -> { });
    assertEquals(3, study.trials().size());
  }
}
