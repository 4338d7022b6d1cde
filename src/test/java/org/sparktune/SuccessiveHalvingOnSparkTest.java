package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.schedule.SuccessiveHalving;
import org.sparktune.search.GridSampler;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.study.TrialStore;
import org.sparktune.testing.TestData;

/** Successive halving through the public API, on real Spark and real Adult rows. */
class SuccessiveHalvingOnSparkTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(2500).cache();
    data.count();
  }

  private static HyperparameterSearch search(LogisticRegression lr) {
    return new HyperparameterSearch()
        .setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0)
            .uniform(lr.elasticNetParam(), 0.0, 1.0))
        .setSampler(new TpeSampler().setStartupTrials(4))
        .setScheduler(new SuccessiveHalving().setMinFraction(1.0 / 9))
        .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
        .setMaxTrials(9).setParallelism(2).setSeed(5);
  }

  @Test
  void nineCandidatesAtOneNinthThreeAtOneThirdOneOnAllTheData() throws Exception {
    TunedModel model = search(new LogisticRegression().setMaxIter(10)).fit(data);
    List<Trial> trials = model.trialList();
    assertEquals(9, trials.size());
    assertEquals(9, model.trials().count());
    List<Row> perRung = model.rungs().groupBy("rung", "budget").count().orderBy("rung")
        .collectAsList();
    assertEquals(3, perRung.size());
    assertEquals(9L, perRung.get(0).getLong(2));
    assertEquals(1.0 / 9, perRung.get(0).getDouble(1), 1e-12);
    assertEquals(3L, perRung.get(1).getLong(2));
    assertEquals(1L, perRung.get(2).getLong(2));
    assertEquals(1.0, perRung.get(2).getDouble(1), 0);
    assertEquals(8, trials.stream().filter(t -> t.state() == TrialState.PRUNED).count());
    assertEquals(1.0, model.bestTrial().budget(), 0);
    assertEquals(model.bestTrial().rungs().get(2).value(), model.bestMetric(), 0);
    assertNotNull(model.bestModel());
    Row pruned = model.trials().where("status = 'PRUNED'").orderBy("trial").first();
    assertTrue(pruned.getString(pruned.fieldIndex("error")).startsWith("not promoted after"));
    Path dir = Files.createTempDirectory("sparktune-sh-model");
    model.save(dir.resolve("model").toString());
    assertEquals(trials, TunedModel.load(dir.resolve("model").toString()).trialList());
  }

  @Test
  void aSecondFitOverTheSameStoreResumesTheStudy() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    TrialStore store = new InMemoryTrialStore();
    List<Trial> first = search(lr).setScheduler(new org.sparktune.schedule.FullBudget())
        .setMaxTrials(2).setTrialStore(store).setRefit(false).fit(data).trialList();
    List<Trial> resumed = search(lr).setScheduler(new org.sparktune.schedule.FullBudget())
        .setMaxTrials(4).setTrialStore(store).setRefit(false).fit(data).trialList();
    assertEquals(4, resumed.size());
    assertEquals(first, resumed.subList(0, 2));
  }

  /**
   * Params and end states are equal; metrics agree to 1e-9, not bit for bit: Spark merges
   * partial aggregates (LogisticRegression's gradients, the evaluator's counts) in the order
   * tasks finish, which moves the last digits of a double from run to run.
   */
  @Test
  void sameSeedGivesTheSameStudyTwice() {
    List<Trial> first = twoFoldSixCandidates().fit(data).trialList();
    List<Trial> second = twoFoldSixCandidates().fit(data).trialList();
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) {
      assertEquals(first.get(i).params(), second.get(i).params(), "trial " + i);
      assertEquals(first.get(i).state(), second.get(i).state(), "trial " + i);
      for (int r = 0; r < first.get(i).rungs().size(); r++) {
        List<Double> a = first.get(i).rungs().get(r).foldValues();
        List<Double> b = second.get(i).rungs().get(r).foldValues();
        assertEquals(a.size(), b.size());
        for (int f = 0; f < a.size(); f++) {
          assertEquals(a.get(f), b.get(f), 1e-9, "trial " + i + " rung " + r + " fold " + f);
        }
      }
    }
  }

  private static HyperparameterSearch twoFoldSixCandidates() {
    return search(new LogisticRegression().setMaxIter(5)).setMaxTrials(6)
        .setSampler(new TpeSampler().setStartupTrials(2))
        .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"));
  }

  @Test
  void schedulerIsSavedWithTheSearch() throws Exception {
    Path dir = Files.createTempDirectory("sparktune-sh");
    HyperparameterSearch search = search(new LogisticRegression());
    search.save(dir.resolve("search").toString());
    HyperparameterSearch loaded = HyperparameterSearch.load(dir.resolve("search").toString());
    assertEquals(search.getScheduler(), loaded.getScheduler());
  }

  @Test
  void aStoreOfAnotherStudyIsRefusedBeforeTraining() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    TrialStore store = new InMemoryTrialStore();
    search(lr).setScheduler(new org.sparktune.schedule.FullBudget()).setMaxTrials(1)
        .setStudyName("churn").setTrialStore(store).fit(data);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search(lr).setStudyName("fraud").setTrialStore(store).fit(data));
    assertTrue(e.getMessage().startsWith("the trial store holds study 'churn'"),
        e.getMessage());
  }

  @Test
  void aFirstRungThatLeavesAFoldWithoutAClassIsRefusedBeforeTraining() {
    LogisticRegression lr = new LogisticRegression();
    HyperparameterSearch search = search(lr).setMaxTrials(3)
        .setScheduler(new SuccessiveHalving().setMinFraction(1.0 / 243));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search.fit(data.limit(600)));
    assertEquals("successiveHalving's first rung trains on data fraction 0.004115, which leaves"
        + " fold 1's training rows without a row of class '1.0'; the smallest workable fraction"
        + " is 0.008313: raise minFraction to at least that, or run fewer rungs (fewer candidates"
        + " or a larger reduction factor).", e.getMessage());
  }

  @Test
  void aGridSmallerThanTheCandidatesIsRefusedBeforeTraining() {
    LogisticRegression lr = new LogisticRegression();
    HyperparameterSearch search = search(lr)
        .setSearchSpace(new SearchSpace().categorical(lr.regParam(), 0.01, 0.1, 1.0))
        .setSampler(new GridSampler())
        .setScheduler(new SuccessiveHalving().setCandidates(9).setMinFraction(1.0 / 9));
    assertEquals("successiveHalving wants 9 candidates but the sampler can propose only 3 (a"
        + " grid of 3 points); set candidates to at most 3, leave it unset to use the grid's"
        + " size, or use a sampler that proposes more (random, qmc, tpe, gp).",
        assertThrows(IllegalArgumentException.class, () -> search.fit(data)).getMessage());
  }
}
