package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparktune.schedule.FullBudget;
import org.sparktune.schedule.Iterations;
import org.sparktune.schedule.SuccessiveHalving;
import org.sparktune.search.GridSampler;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.KFold;
import org.sparktune.study.Rung;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.TestData;

/** The iterations fidelity and fold racing through the public API, on real Spark and Adult. */
@Timeout(300)
class FidelitiesOnSparkTest {

  private static final int ROWS = 1500;
  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(ROWS).cache();
    data.count();
  }

  @Test
  void iterationsScaleMaxIterPerRungOnAllTheRowsAndTheRefitRunsAtMaxValue() throws Exception {
    RecordingLogisticRegression lr = new RecordingLogisticRegression();
    HyperparameterSearch search = new HyperparameterSearch()
        .setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0))
        .setSampler(new RandomSampler())
        .setScheduler(new SuccessiveHalving().setMinFraction(1.0 / 9))
        .setFidelity(new Iterations("maxIter", 9))
        .setSplitter(new KFold().setNumFolds(3))
        .setMaxTrials(9).setParallelism(2).setSeed(3);
    RecordingLogisticRegression.clear();
    TunedModel model = search.fit(data);

    // 9 trials × 3 folds at maxIter round(9/9) = 1, 3 × 3 at 3, 1 × 3 at 9, then the refit.
    List<RecordingLogisticRegression.Fit> fits = RecordingLogisticRegression.fits();
    Map<Integer, Long> byMaxIter = fits.stream().collect(Collectors.groupingBy(
        RecordingLogisticRegression.Fit::maxIter, Collectors.counting()));
    assertEquals(Map.of(1, 27L, 3, 9L, 9, 4L), byMaxIter);
    long foldRows = fits.stream().filter(f -> f.maxIter() == 1)
        .mapToLong(RecordingLogisticRegression.Fit::rows).sum() / 9;
    assertEquals(ROWS * 2L, foldRows, "each rung trains every fold on all its rows");
    RecordingLogisticRegression.Fit refit = fits.get(fits.size() - 1);
    assertEquals(new RecordingLogisticRegression.Fit(refit.regParam(), 9, ROWS), refit);
    assertEquals(9, ((LogisticRegressionModel) model.bestModel()).getMaxIter());

    for (Trial t : model.trialList()) {
      for (Rung r : t.rungs()) {
        assertEquals(Integer.valueOf(new Iterations("maxIter", 9).at(r.budget())),
            r.iterations());
        assertFalse(r.partial());
      }
    }
    assertEquals(Integer.valueOf(9), model.bestTrial().iterations());
    List<Row> perRung = model.rungs().groupBy("rung", "iterations").count().orderBy("rung")
        .collectAsList();
    assertEquals(List.of(List.of(0, 1, 9L), List.of(1, 3, 3L), List.of(2, 9, 1L)),
        perRung.stream().map(r -> List.of(r.get(0), r.get(1), r.get(2))).toList());
    assertTrue(model.provenance().get("fidelity").contains("\"maxValue\":9"),
        model.provenance().toString());
    Path dir = Files.createTempDirectory("sparktune-iterations-model");
    model.save(dir.resolve("model").toString());
    assertEquals(model.trialList(), TunedModel.load(dir.resolve("model").toString())
        .trialList());
  }

  @Test
  void racingStopsHopelessTrialsAfterOneFoldAndRunsEveryFoldOfTheOthers() {
    RecordingLogisticRegression lr = new RecordingLogisticRegression();
    // With an L1 penalty this strong every coefficient is 0: a constant score, AUC 0.5.
    double[] hopeless = {20.0, 50.0, 100.0};
    HyperparameterSearch search = new HyperparameterSearch()
        .setEstimator(lr.setMaxIter(10))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().fixed(lr.elasticNetParam(), 1.0)
            .categorical(lr.regParam(), 1e-4, 3e-4, 1e-3, 3e-3, hopeless[0], 1e-2,
                hopeless[1], hopeless[2]))
        .setSampler(new GridSampler())
        .setScheduler(new FullBudget())
        .setRaceFolds(true)
        .setSplitter(new KFold().setNumFolds(3))
        .setMaxTrials(8).setParallelism(1).setSeed(3);
    RecordingLogisticRegression.clear();
    TunedModel model = search.fit(data);

    Map<Double, Long> fitsByRegParam = RecordingLogisticRegression.fits().stream()
        .collect(Collectors.groupingBy(RecordingLogisticRegression.Fit::regParam,
            Collectors.counting()));
    List<Trial> trials = model.trialList();
    for (Trial t : trials) {
      double reg = (Double) t.params().get("regParam");
      boolean bad = reg >= hopeless[0];
      long refits = t.number() == model.bestTrial().number() ? 1 : 0;
      if (bad) {
        assertEquals(TrialState.PRUNED, t.state(), t.toString());
        assertEquals(1L, fitsByRegParam.get(reg), "a stopped trial fits fold 1 only");
        Rung partial = t.rungs().get(0);
        assertTrue(partial.partial());
        assertEquals(1, partial.foldValues().size());
        assertTrue(t.rung(0).isEmpty(), "a partial rung is no report of the rung");
        assertTrue(t.error().startsWith("stopped by fold racing at rung 0 after fold 1 of 3:"
            + " fold 1 gave 0.500000"), t.error());
        long completedBefore = trials.stream().filter(o -> o.number() < t.number()
            && o.state() == TrialState.COMPLETE).count();
        assertTrue(t.error().endsWith(", the mean of the 2nd best of the " + completedBefore
            + " trials that completed rung 0"), t.error());
      } else {
        assertEquals(TrialState.COMPLETE, t.state(), t.toString());
        assertEquals(3L + refits, fitsByRegParam.get(reg), "a good trial fits every fold");
      }
    }
    assertEquals(3, trials.stream().filter(t -> t.state() == TrialState.PRUNED).count());
    Row raced = model.rungs().where("partial").orderBy("trial").first();
    assertEquals(4, raced.getInt(raced.fieldIndex("trial")));
  }
}
