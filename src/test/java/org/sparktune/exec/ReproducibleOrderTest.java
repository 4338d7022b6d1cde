package org.sparktune.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparktune.schedule.FullBudget;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;

/**
 * Same seed, same study: with TPE at parallelism 2, the trials proposed do not depend on the
 * order in which concurrent trials finish.
 */
class ReproducibleOrderTest {

  private static final SearchSpace SPACE = new SearchSpace().uniform("x", -5, 10)
      .uniform("y", 0, 15);

  /**
   * Runs 24 TPE trials two at a time. With {@code evenWaitsForOdd}, each even trial after the
   * start-up ones finishes only after the odd trial asked beside it has finished (or 10 s have
   * passed), so trials finish out of order; without it they finish as they come.
   */
  private static List<Map<String, Object>> run(boolean reproducible, boolean evenWaitsForOdd) {
    Study study = Study.create(SPACE, new TpeSampler().setStartupTrials(4), Direction.MINIMIZE,
        21);
    Map<Integer, CountDownLatch> finished = new ConcurrentHashMap<>();
    new TrialLoop(study, new FullBudget(), new LoopSettings(2, 24, null, reproducible))
        .run((t, b, slot) -> {
          double x = (Double) t.params().get("x");
          double y = (Double) t.params().get("y");
          if (evenWaitsForOdd && t.number() >= 4 && t.number() % 2 == 0) {
            finished.computeIfAbsent(t.number() + 1, n -> new CountDownLatch(1))
                .await(10, TimeUnit.SECONDS);
          }
          finished.computeIfAbsent(t.number(), n -> new CountDownLatch(1)).countDown();
          return List.of(Math.pow(y - 5.1 / 39.48 * x * x + 5 / Math.PI * x - 6, 2)
              + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10);
        }, t -> { });
    List<Map<String, Object>> params = new ArrayList<>();
    for (Trial t : study.trials()) {
      params.add(t.params());
    }
    return params;
  }

  @Test
  void sameTrialsWhateverOrderConcurrentTrialsFinishIn() {
    assertEquals(run(true, false), run(true, true));
  }

  @Test
  void freeRunningOrderDependsOnTiming() {
    // The check above can fail: without the reproducible order, runs that finish in another
    // order propose other trials. Which trials have finished when one is asked is still up to
    // the threads, so a forced order may by chance match the natural one: three tries.
    List<Map<String, Object>> natural = run(false, false);
    boolean differs = false;
    for (int attempt = 0; attempt < 3 && !differs; attempt++) {
      differs = !natural.equals(run(false, true));
    }
    assertTrue(differs, "three runs finishing out of order proposed what the natural order did");
  }
}
