package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparktune.schedule.Iterations;
import org.sparktune.schedule.SuccessiveHalving;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.FoldColumn;
import org.sparktune.study.Trial;
import org.sparktune.testing.TestData;

/**
 * A random forest's numTrees as the fidelity, through the public API on real Spark and Adult:
 * a promoted trial grows the trees its folds lack onto the forests of its last rung, and the
 * rung is scored on the forest of both.
 */
@Timeout(300)
class ForestGrowthTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(1200)
        .withColumn("fold", functions.pmod(functions.monotonically_increasing_id(),
            functions.lit(3)).cast("int"))
        .cache();
    data.count();
  }

  @Test
  void aPromotedTrialGrowsOnlyTheTreesItLacksAndIsScoredOnTheWholeForest() {
    RecordingRandomForest rf = new RecordingRandomForest();
    long defaultSeed = rf.getSeed();
    BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator();
    RecordingRandomForest.clear();
    TunedModel model = new HyperparameterSearch()
        .setEstimator(rf)
        .setEvaluator(evaluator)
        .setSearchSpace(new SearchSpace().intRange(rf.maxDepth(), 2, 3))
        .setSampler(new RandomSampler())
        .setScheduler(new SuccessiveHalving().setMinFraction(1.0 / 3))
        .setFidelity(new Iterations("numTrees", 12))
        .setSplitter(new FoldColumn().setFoldCol("fold").setNumFolds(3))
        .setMaxTrials(3).setParallelism(2).setSeed(3)
        .fit(data);

    // 3 trials × 3 folds at 4 trees; the promoted one grows 8 more on each fold, seeded apart
    // from its first 4; the refit grows all 12 at once, at the forest's own seed.
    List<RecordingRandomForest.Fit> fits = RecordingRandomForest.fits();
    Map<Integer, Long> byTrees = fits.stream().collect(Collectors.groupingBy(
        RecordingRandomForest.Fit::numTrees, Collectors.counting()));
    assertEquals(Map.of(4, 9L, 8, 3L, 12, 1L), byTrees);
    List<RecordingRandomForest.Fit> grown = fits.stream().filter(f -> f.numTrees() == 8)
        .toList();
    assertEquals(1, grown.stream().map(RecordingRandomForest.Fit::seed).distinct().count());
    assertNotEquals(defaultSeed, grown.get(0).seed());
    fits.stream().filter(f -> f.numTrees() != 8)
        .forEach(f -> assertEquals(defaultSeed, f.seed(), f.description()));

    Trial best = model.bestTrial();
    assertEquals(2, best.rungs().size());
    assertEquals(Integer.valueOf(12), best.rungs().get(1).iterations());
    for (int fold = 0; fold < 3; fold++) {
      String at = "fold " + (fold + 1) + "/3";
      RecordingRandomForest.Fit first = fitOf(fits, best.number(), 0, at);
      RecordingRandomForest.Fit more = fitOf(fits, best.number(), 1, at);
      assertTrue(more.description().contains("numTrees 12, grows 8 onto its 4"),
          more.description());
      RandomForestClassificationModel whole = new RandomForestClassificationModel(
          more.model().uid(), Stream.concat(Arrays.stream(first.model().trees()),
              Arrays.stream(more.model().trees())).toArray(DecisionTreeClassificationModel[]::new),
          more.model().numFeatures(), more.model().numClasses());
      double expected = evaluator.evaluate(whole.transform(
          data.where(functions.col("fold").equalTo(fold))));
      assertEquals(expected, best.rungs().get(1).foldValues().get(fold), 1e-12,
          "rung 1 of fold " + (fold + 1) + " is scored on the 4 trees and the 8 grown");
      assertSame(first.model().trees()[0].rootNode(), whole.trees()[0].rootNode());
    }

    RandomForestClassificationModel refit = (RandomForestClassificationModel) model.bestModel();
    assertEquals(12, refit.trees().length);
    assertEquals(12, refit.getNumTrees());
  }

  private static RecordingRandomForest.Fit fitOf(List<RecordingRandomForest.Fit> fits,
      int trial, int rung, String fold) {
    List<RecordingRandomForest.Fit> found = new ArrayList<>();
    for (RecordingRandomForest.Fit f : fits) {
      String d = f.description();
      if (d != null && d.startsWith("sparktune trial " + trial + " rung " + rung + " (")
          && d.contains(fold)) {
        found.add(f);
      }
    }
    assertEquals(1, found.size(), "one fit of trial " + trial + " rung " + rung + " " + fold);
    return found.get(0);
  }
}
