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
import org.apache.spark.sql.Encoders;
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
        .setScheduler(new SuccessiveHalving().setMinFraction(1.0 / 3))
        .setFidelity(new Iterations("maxIter", 10))
        .setSplitter(new KFold().setNumFolds(3))
        .setMaxTrials(3).setParallelism(1).setSeed(3);
    RecordingLogisticRegression.clear();
    TunedModel model = search.fit(data);

    // 3 trials × 3 folds at maxIter round(10/3) = 3, 1 × 3 at 10, then the refit at 10.
    List<RecordingLogisticRegression.Fit> fits = RecordingLogisticRegression.fits();
    Map<Integer, Long> byMaxIter = fits.stream().collect(Collectors.groupingBy(
        RecordingLogisticRegression.Fit::maxIter, Collectors.counting()));
    assertEquals(Map.of(3, 9L, 10, 4L), byMaxIter);
    long rowsPerTrial = fits.stream().filter(f -> f.maxIter() == 3)
        .mapToLong(RecordingLogisticRegression.Fit::rows).sum() / 3;
    assertEquals(ROWS * 2L, rowsPerTrial, "each rung trains every fold on all its rows");
    RecordingLogisticRegression.Fit refit = fits.get(fits.size() - 1);
    assertEquals(new RecordingLogisticRegression.Fit(refit.regParam(), 2, 10, ROWS), refit);
    assertEquals(10, ((LogisticRegressionModel) model.bestModel()).getMaxIter());
    assertEquals(10, model.bestParamMap().get(lr.maxIter()).get(),
        "the best params are those the refit ran with");
    assertEquals(model.bestTrial().params().get("regParam"),
        model.bestParamMap().get(lr.regParam()).get());

    for (Trial t : model.trialList()) {
      for (Rung r : t.rungs()) {
        assertEquals(Integer.valueOf(new Iterations("maxIter", 10).at(r.budget())),
            r.iterations());
        assertFalse(r.partial());
      }
    }
    assertEquals(Integer.valueOf(10), model.bestTrial().iterations());
    List<Row> perRung = model.rungs().groupBy("rung", "iterations").count().orderBy("rung")
        .collectAsList();
    assertEquals(List.of(List.of(0, 3, 3L), List.of(1, 10, 1L)),
        perRung.stream().map(r -> List.of(r.get(0), r.get(1), r.get(2))).toList());
    assertTrue(model.provenance().get("fidelity").contains("\"maxValue\":10"),
        model.provenance().toString());
    Path dir = Files.createTempDirectory("sparktune-iterations-model");
    model.save(dir.resolve("model").toString());
    TunedModel loaded = TunedModel.load(dir.resolve("model").toString());
    assertEquals(model.trialList(), loaded.trialList());
    assertEquals(10, (Integer) loaded.bestParamMap().apply(lr.maxIter()));
  }

  private static final double GOOD = 3e-4;
  /** With an L1 penalty of 50 every coefficient is 0: a constant score, AUC 0.5 on a fold. */
  private static final double HOPELESS = 50;

  /**
   * A grid of 8 trials that alternate a good and a hopeless regParam, racing their 3 folds;
   * aggregationDepth does not change a fit here, so the good trials tie.
   */
  private static HyperparameterSearch racing(RecordingLogisticRegression lr, int parallelism) {
    return new HyperparameterSearch()
        .setEstimator(lr.setMaxIter(10))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().fixed(lr.elasticNetParam(), 1.0)
            .categorical(lr.aggregationDepth(), 2L, 3L, 4L, 5L)
            .categorical(lr.regParam(), GOOD, HOPELESS))
        .setSampler(new GridSampler())
        .setScheduler(new FullBudget())
        .setRaceFolds(true)
        .setSplitter(new KFold().setNumFolds(3))
        .setMaxTrials(8).setParallelism(parallelism).setSeed(3);
  }

  @Test
  void racingStopsHopelessTrialsAfterOneFoldAndRunsEveryFoldOfTheOthers() {
    RecordingLogisticRegression.clear();
    TunedModel model = racing(new RecordingLogisticRegression(), 1).fit(data);

    // Trials alternate good, hopeless; racing starts once 4 trials completed (η = 3).
    Map<List<Double>, Long> fits = RecordingLogisticRegression.fits().stream()
        .collect(Collectors.groupingBy(f -> List.of(f.regParam(), (double) f.aggregationDepth()),
            Collectors.counting()));
    int best = model.bestTrial().number();
    for (Trial t : model.trialList()) {
      double reg = (Double) t.params().get("regParam");
      long depth = (Long) t.params().get("aggregationDepth");
      long count = fits.get(List.of(reg, (double) depth));
      if (reg == GOOD) {
        assertEquals(TrialState.COMPLETE, t.state(), t.toString());
        assertEquals(t.number() == best ? 4L : 3L, count, "a good trial fits every fold");
      } else if (t.number() < 4) {
        assertEquals(TrialState.COMPLETE, t.state(), "no racing before 4 trials completed");
        assertEquals(3L, count);
      } else {
        assertEquals(TrialState.PRUNED, t.state(), t.toString());
        assertEquals(1L, count, "a stopped trial fits fold 1 only");
        Rung partial = t.rungs().get(0);
        assertTrue(partial.partial());
        assertEquals(List.of(0.5), partial.foldValues());
        assertTrue(t.rung(0).isEmpty(), "a partial rung is no report of the rung");
        assertTrue(t.error().startsWith("stopped by fold racing at rung 0 after fold 1 of 3:"
            + " fold 1 gave 0.500000, so its mean over the 3 folds is at best "), t.error());
        long completedBefore = model.trialList().stream().filter(o -> o.number() < t.number()
            && o.state() == TrialState.COMPLETE).count();
        assertTrue(t.error().endsWith(", the mean of the 2nd best of the " + completedBefore
            + " trials that completed rung 0"), t.error());
      }
    }
    assertEquals(List.of(5, 7), racedOut(model));
  }

  @Test
  void racingAtParallelismTwoStopsTheSameTrialsOnEveryRun() {
    // Trial n races against trials n - 2 and below, waiting for any still running.
    TunedModel first = racing(new RecordingLogisticRegression(), 2).fit(data);
    TunedModel second = racing(new RecordingLogisticRegression(), 2).fit(data);
    assertEquals(List.of(5, 7), racedOut(first));
    assertEquals(states(first), states(second));
    for (int i = 0; i < first.trialList().size(); i++) {
      List<Double> a = first.trialList().get(i).foldMetrics();
      List<Double> b = second.trialList().get(i).foldMetrics();
      assertEquals(a.size(), b.size());
      for (int f = 0; f < a.size(); f++) {
        assertEquals(a.get(f), b.get(f), 1e-9);
      }
    }
  }

  private static List<Integer> racedOut(TunedModel model) {
    return model.rungs().where("partial").orderBy("trial").select("trial")
        .as(Encoders.INT()).collectAsList();
  }

  private static List<TrialState> states(TunedModel model) {
    return model.trialList().stream().map(Trial::state).toList();
  }
}
