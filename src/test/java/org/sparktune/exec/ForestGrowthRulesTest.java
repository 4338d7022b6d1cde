package org.sparktune.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.sparktune.schedule.Iterations;
import org.sparktune.space.SearchSpace;
import org.sparktune.testing.TestData;

/** When a forest grows rather than fits whole, on real MLlib estimators and Adult rows. */
class ForestGrowthRulesTest {

  private static ForestGrowth growthOf(Estimator<?> estimator, String param, SearchSpace space) {
    return growthOf(estimator, param, space, Long.MAX_VALUE);
  }

  private static ForestGrowth growthOf(Estimator<?> estimator, String param, SearchSpace space,
      long maxNodes) {
    FidelityPlan fidelity = FidelityPlan.bind(new Iterations(param, 8), estimator, space);
    Set<String> tuned = new HashSet<>(Set.of(fidelity.stageUid()));
    space.paramRefs().values().forEach(ref -> tuned.add(ref.stageUid()));
    return ForestGrowth.of(PipelinePlan.of(estimator, tuned), fidelity, maxNodes);
  }

  @Test
  void onlyAForestsNumTreesGrowsAndOnlyWhenTheForestIsAllATrialFits() {
    RandomForestClassifier rf = new RandomForestClassifier();
    assertNotNull(growthOf(rf, "numTrees", new SearchSpace()));
    assertNull(growthOf(rf, "maxDepth", new SearchSpace()), "not the forest's size");
    GBTClassifier gbt = new GBTClassifier();
    assertNull(growthOf(gbt, "maxIter", new SearchSpace()), "boosted trees depend on the last");
    StandardScaler scaler = new StandardScaler().setInputCol("features").setOutputCol("scaled");
    Pipeline tunedScaler = new Pipeline().setStages(new PipelineStage[] {scaler, rf});
    assertNull(growthOf(tunedScaler, "numTrees",
        new SearchSpace().categorical(scaler.withMean(), true, false)),
        "a trial that fits a tuned stage before the forest fits it whole");
    assertNotNull(growthOf(tunedScaler, "numTrees", new SearchSpace()),
        "an untuned stage before it is the plan's prefix, fitted once per fold");
  }

  @Test
  void aRegressionForestInAPipelineGrowsOntoItsKeptTreesAndForgetsThemWhenItsTrialEnds() {
    Dataset<Row> rows = TestData.adultNumeric(400).cache();
    RandomForestRegressor rf = new RandomForestRegressor().setMaxDepth(2);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {rf});
    ForestGrowth growth = growthOf(pipeline, "numTrees", new SearchSpace());
    assertNotNull(growth);

    PipelineModel first = (PipelineModel) growth.fit(7, 0, 3, rows,
        ParamMap.empty().put(rf.numTrees(), (Object) 3));
    assertFalse(growth.grows(7, 0, 4), "1 more tree would grow alone: fit whole");
    assertTrue(growth.grows(7, 0, 8));
    assertFalse(growth.grows(7, 1, 8), "nothing kept for fold 1");
    PipelineModel whole = (PipelineModel) growth.fit(7, 0, 8, rows,
        ParamMap.empty().put(rf.numTrees(), (Object) 8));

    RandomForestRegressionModel before = (RandomForestRegressionModel) first.stages()[0];
    RandomForestRegressionModel after = (RandomForestRegressionModel) whole.stages()[0];
    assertEquals(8, after.trees().length);
    assertEquals(8, after.getNumTrees());
    for (int i = 0; i < 3; i++) {
      assertSame(before.trees()[i], after.trees()[i], "the kept trees come first, as they were");
    }
    assertEquals(rows.count(), whole.transform(rows).where("prediction IS NOT NULL").count());
    assertSame(whole, growth.keptModel(7, 0));

    assertEquals(after.totalNumNodes(), growth.keptNodes());
    growth.forget(7);
    assertEquals(0, growth.keptTrees(7, 0));
    assertNull(growth.keptModel(7, 0));
    assertEquals(0, growth.keptNodes());

    // Kept forests are bounded in nodes: 8 trees hold 8 nodes or more, past a bound of 7, so the
    // forest is not kept and the next rung of its fold fits whole.
    ForestGrowth bounded = growthOf(pipeline, "numTrees", new SearchSpace(), 7);
    bounded.fit(8, 0, 8, rows, ParamMap.empty().put(rf.numTrees(), (Object) 8));
    assertEquals(0, bounded.keptTrees(8, 0));
    assertEquals(0, bounded.keptNodes());
    assertFalse(bounded.grows(8, 0, 16));
    rows.unpersist();
  }
}
