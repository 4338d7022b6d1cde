package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.schedule.Asha;
import org.sparktune.schedule.Hyperband;
import org.sparktune.schedule.Scheduler;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.TestData;

/** Hyperband and ASHA through the public API, on real Spark and real Adult rows. */
class AsyncSchedulersOnSparkTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(2500).cache();
    data.count();
  }

  private static TunedModel fit(Scheduler scheduler, int maxTrials) {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    return new HyperparameterSearch()
        .setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0))
        .setSampler(new RandomSampler())
        .setScheduler(scheduler)
        .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
        .setMaxTrials(maxTrials).setParallelism(2).setSeed(11).fit(data);
  }

  /** Trials that ran rung r, by rung. */
  private static Map<Integer, Long> trialsPerRung(TunedModel model) {
    Map<Integer, Long> out = new TreeMap<>();
    for (Row r : model.rungs().groupBy("rung").count().collectAsList()) {
      out.put(r.getInt(0), r.getLong(1));
    }
    return out;
  }

  @Test
  void hyperbandRunsThePapersBracketsOnSpark() {
    TunedModel model = fit(new Hyperband().setMinFraction(1.0 / 9), 17);
    List<Trial> trials = model.trialList();
    assertEquals(17, trials.size());
    // Brackets 9@1/9 → 3@1/3 → 1@1, 5@1/3 → 1@1, 3@1: rung 0 has 9 trials, rung 1 has
    // 3 + 5, rung 2 has 1 + 1 + 3.
    assertEquals(Map.of(0, 9L, 1, 8L, 2, 5L), trialsPerRung(model));
    assertEquals(5, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    assertEquals(12, trials.stream().filter(t -> t.state() == TrialState.PRUNED).count());
    assertEquals(1.0, model.bestTrial().budget(), 0);
  }

  @Test
  void ashaPromotesWithoutWaitingForARungToFill() {
    TunedModel model = fit(new Asha().setMinFraction(1.0 / 9), 12);
    List<Trial> trials = model.trialList();
    assertEquals(12, trials.size());
    Map<Integer, Long> perRung = trialsPerRung(model);
    assertEquals(12L, perRung.get(0));
    assertTrue(perRung.getOrDefault(2, 0L) >= 1, "no trial reached all the data: " + perRung);
    for (Trial t : trials) {
      assertTrue(t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED,
          "trial " + t.number() + " ended " + t.state());
      assertEquals(t.state() == TrialState.COMPLETE, t.budget() == 1.0, "trial " + t.number());
    }
    assertEquals(1.0, model.bestTrial().budget(), 0);
  }
}
