package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.schedule.Asha;
import org.sparktune.schedule.Hyperband;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Holdout;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.TestData;

/**
 * The study-level stops on real Spark: the reason is on the model, and the number of trials is
 * what the rule says, the same on every run with a seed; under a scheduler with rungs, only a
 * trial COMPLETE at the top rung reaches the target, and every trial asked ends in a final
 * state.
 */
class StudyStopsOnSparkTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(1500).cache();
    data.count();
  }

  @AfterAll
  static void release() {
    data.unpersist();
  }

  private static HyperparameterSearch search() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    return new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 10.0))
        .setSampler(new RandomSampler())
        .setSplitter(new Holdout().setLabelCol("label"))
        .setMaxTrials(12).setSeed(3).setRefit(false);
  }

  /**
   * The number of trials a study at parallelism 1 asks under "stop after {@code n} finished
   * trials in a row without a better value" (larger is better), from the values alone.
   */
  private static int trialsAskedWithNoImprovement(List<Trial> trials, int n) {
    double best = Double.NEGATIVE_INFINITY;
    int streak = 0;
    for (Trial t : trials) {
      if (t.state() == TrialState.COMPLETE && t.value() > best) {
        best = t.value();
        streak = 0;
      } else {
        streak++;
      }
      if (streak >= n) {
        return t.number() + 1;
      }
    }
    return -1;
  }

  @Test
  void noImprovementStopsAfterTheTrialTheRuleNamesAndSaysSoOnTheModel() {
    TunedModel model = search().setStopAfterNoImprovement(2).fit(data);
    List<Trial> trials = model.trialList();
    assertEquals("NO_IMPROVEMENT", model.stopReason());
    assertTrue(trials.size() < 12, trials.toString());
    assertEquals(trialsAskedWithNoImprovement(trials, 2), trials.size(), trials.toString());
    TunedModel again = search().setStopAfterNoImprovement(2).fit(data);
    assertEquals(trials.size(), again.trialList().size());
    for (int i = 0; i < trials.size(); i++) {
      assertEquals(trials.get(i).params(), again.trialList().get(i).params());
    }
  }

  @Test
  void aTargetReachedStopsTheStudyAtTheTrialThatReachedIt() {
    // Every regParam of the range ranks Adult well above 0.6 AUC: trial 0 reaches it.
    TunedModel model = search().setTargetMetric(0.6).fit(data);
    assertEquals("TARGET_REACHED", model.stopReason());
    assertEquals(1, model.trialList().size());
    assertTrue(model.bestMetric() >= 0.6);
    // At parallelism 2 trial 1 was already asked when trial 0 reached it.
    TunedModel two = search().setParallelism(2).setTargetMetric(0.6).fit(data);
    assertEquals("TARGET_REACHED", two.stopReason());
    assertEquals(2, two.trialList().size());
  }

  @Test
  void underAshaOnlyATrialCompleteAtTheTopRungReachesTheTargetAndEveryTrialEnds() {
    // Every rung result is above 0.6 AUC, at 1/9 of the rows too: a rung result below the top
    // does not stop the study, the first trial COMPLETE at the top rung does.
    TunedModel model = search().setMaxTrials(30)
        .setScheduler(new Asha().setMinFraction(1.0 / 9)).setTargetMetric(0.6).fit(data);
    List<Trial> trials = model.trialList();
    assertEquals("TARGET_REACHED", model.stopReason());
    assertTrue(trials.get(0).rungs().get(0).value() >= 0.6, trials.toString());
    assertTrue(trials.size() > 1 && trials.size() < 30, trials.toString());
    assertEquals(1.0, model.bestBudget());
    assertTrue(model.bestMetric() >= 0.6);
    for (Trial t : trials) {
      assertTrue(t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED,
          t.toString());
    }
    assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETE));
  }

  @Test
  void underHyperbandNoImprovementStopsBeforeTheNextBracketTheSameOnEveryRun() {
    HyperparameterSearch search = search().setMaxTrials(34)
        .setScheduler(new Hyperband().setMinFraction(1.0 / 9)).setStopAfterNoImprovement(3);
    TunedModel model = search.fit(data);
    List<Trial> trials = model.trialList();
    assertEquals("NO_IMPROVEMENT", model.stopReason());
    assertTrue(trials.size() < 34, trials.toString());
    for (Trial t : trials) {
      assertTrue(t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED,
          t.toString());
    }
    List<Trial> again = search.fit(data).trialList();
    assertEquals(trials.size(), again.size());
    for (int i = 0; i < trials.size(); i++) {
      assertEquals(trials.get(i).params(), again.get(i).params());
      assertEquals(trials.get(i).state(), again.get(i).state());
    }
  }
}
