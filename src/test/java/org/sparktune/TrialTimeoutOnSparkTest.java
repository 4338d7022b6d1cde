package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Holdout;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.TestData;

/**
 * The trial timeout on real Spark: one slow configuration among fast ones. Boosted trees never
 * stop early, so 1,000 of them stay far slower than the timeout however idle the machine is,
 * while 2 or 3 take a few seconds.
 */
class TrialTimeoutOnSparkTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(3000).cache();
    data.count();
    // Warms the tree code up, so the fast trials are fast from the first.
    new GBTClassifier().setMaxDepth(3).setMaxIter(2).fit(data);
  }

  @AfterAll
  static void release() {
    data.unpersist();
  }

  @Test
  void aSlowConfigurationPastTheTrialTimeoutIsPrunedAndTheOthersComplete() {
    GBTClassifier gbt = new GBTClassifier().setMaxDepth(3).setSeed(1);
    TunedModel model = new HyperparameterSearch().setEstimator(gbt)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().categorical(gbt.maxIter(), 2, 1000, 3))
        .setSampler(new GridSampler())
        .setSplitter(new Holdout().setLabelCol("label"))
        .setMaxTrials(3).setSeed(7).setRefit(false).setTrialTimeout(8)
        .fit(data);
    assertEquals("SCHEDULE_DONE", model.stopReason());
    List<Trial> trials = model.trialList();
    assertEquals(3, trials.size());
    assertEquals(TrialState.COMPLETE, trials.get(0).state(), trials.get(0).error());
    assertEquals(TrialState.PRUNED, trials.get(1).state());
    assertEquals(1000L, trials.get(1).params().get("maxIter"));
    assertEquals("stopped at the trial timeout of 8 s while running data fraction 1.0",
        trials.get(1).error());
    assertEquals(TrialState.COMPLETE, trials.get(2).state(), trials.get(2).error());
  }
}
