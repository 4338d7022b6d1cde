package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.schedule.Asha;
import org.sparktune.schedule.MultiFidelity;
import org.sparktune.schedule.Schedulers;
import org.sparktune.schedule.SuccessiveHalving;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.TestData;

/**
 * The unnamed multi-fidelity scheduler through the public API on real Spark: what it resolves
 * to at each parallelism, what the model says about the budget its winner was judged on.
 */
@Timeout(300)
class MultiFidelityOnSparkTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(2500).cache();
    data.count();
  }

  private static HyperparameterSearch search(MultiFidelity scheduler, int parallelism) {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    return new HyperparameterSearch()
        .setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0))
        .setSampler(new RandomSampler())
        .setScheduler(scheduler)
        .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
        .setMaxTrials(9).setParallelism(parallelism).setSeed(5);
  }

  @Test
  void atParallelismTwoItRunsAshaAndRecordsIt() {
    MultiFidelity auto = new MultiFidelity();
    HyperparameterSearch search = search(auto, 2);
    TunedModel model = search.fit(data);
    Asha ran = new Asha().setMinFraction(1.0 / 9);
    assertEquals(Schedulers.toJson(ran), model.provenance().get("scheduler"));
    assertEquals(Schedulers.toJson(auto), model.provenance().get("schedulerChoice"));
    assertEquals(auto, search.getScheduler());
    Row first = model.trials().select("provenance").first();
    assertEquals(Schedulers.toJson(ran), first.getJavaMap(0).get("scheduler"));
    // 9 trials at 1/9; ASHA's quotas give the top rung at least one.
    assertEquals(9, model.trialList().size());
    assertEquals(1.0, model.bestBudget(), 0);
    assertTrue(model.hasBestModel());
    assertTrue(model.toString().contains(" at data fraction 1.0 with "), model.toString());
    everyRungIsInTheRungsTable(model);
  }

  @Test
  void atParallelismOneItRunsSuccessiveHalvingAndTheBestBudgetIsItsLastRung() {
    MultiFidelity auto = new MultiFidelity().setMaxFraction(0.9);
    TunedModel model = search(auto, 1).fit(data);
    assertEquals(Schedulers.toJson(new SuccessiveHalving().setMinFraction(0.1)
        .setMaxFraction(0.9)), model.provenance().get("scheduler"));
    // 9 candidates at 0.1, 3 at 0.3, 1 at 0.9: the winner was judged on 0.9 of the data
    // and refitted on all of it.
    List<Trial> trials = model.trialList();
    assertEquals(8, trials.stream().filter(t -> t.state() == TrialState.PRUNED).count());
    assertEquals(0.9, model.bestBudget(), 1e-12);
    assertEquals(model.bestTrial().rungs().get(2).value(), model.bestMetric(), 0);
    assertTrue(model.hasBestModel());
    everyRungIsInTheRungsTable(model);
  }

  @Test
  void theChoiceIsSavedWithTheSearchNotWhatItResolvedTo(@TempDir Path dir) throws IOException {
    MultiFidelity auto = new MultiFidelity().setReductionFactor(2).setModelMinReports(4);
    String path = dir.resolve("search").toString();
    search(auto, 2).save(path);
    assertEquals(auto, HyperparameterSearch.load(path).getScheduler());
  }

  private static void everyRungIsInTheRungsTable(TunedModel model) {
    long reported = model.trialList().stream().mapToLong(t -> t.rungs().size()).sum();
    assertEquals(reported, model.rungs().count());
    Map<Integer, Long> perTrial = new TreeMap<>();
    for (Row r : model.rungs().groupBy("trial").count().collectAsList()) {
      perTrial.put(r.getInt(0), r.getLong(1));
    }
    for (Trial t : model.trialList()) {
      assertEquals((long) t.rungs().size(), perTrial.get(t.number()), "trial " + t.number());
    }
  }
}
