package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.search.GridSampler;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.FoldColumn;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.study.TrialState;
import org.sparktune.study.TuningException;
import org.sparktune.testing.TestData;

class HyperparameterSearchTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(3000)
        .withColumn("fold", functions.pmod(functions.xxhash64(functions.col("fnlwgt"),
            functions.col("age")), functions.lit(3)).cast("int"))
        .cache();
    data.count();
  }

  private static HyperparameterSearch gridSearch(LogisticRegression lr) {
    SearchSpace space = new SearchSpace()
        .categorical(lr.regParam(), 0.01, 0.1)
        .categorical(lr.elasticNetParam(), 0.0, 1.0);
    return new HyperparameterSearch()
        .setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(space)
        .setSampler(new GridSampler())
        .setSplitter(new FoldColumn().setFoldCol("fold").setNumFolds(3))
        .setParallelism(2)
        .setSeed(3);
  }

  @Test
  void anEstimatorThatReadsTheFoldColumnFailsBeforeAnyJob() {
    LogisticRegression lr = new LogisticRegression().setFeaturesCol("withFold");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"age", "fold"})
            .setOutputCol("withFold"), lr});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gridSearch(lr).setEstimator(pipeline).transformSchema(data.schema()));
    assertTrue(e.getMessage().startsWith("estimator " + pipeline.uid()
        + " cannot use the folds' rows: "), e.getMessage());
    assertTrue(e.getMessage().contains("The splitter leaves [fold] out of every fold's rows, as"
        + " CrossValidator drops its foldCol"), e.getMessage());
  }

  @Test
  void gridSearchAgreesWithCrossValidatorOnEveryConfiguration() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(30);
    TunedModel model = gridSearch(lr).fit(data);

    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(lr.regParam(), new double[] {0.01, 0.1})
        .addGrid(lr.elasticNetParam(), new double[] {0.0, 1.0})
        .build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(lr)
        .setEstimatorParamMaps(grid).setEvaluator(new BinaryClassificationEvaluator())
        .setFoldCol("fold").fit(data);

    Map<String, Double> ours = new HashMap<>();
    model.trialList().forEach(t -> ours.put(t.params().get("regParam") + "/"
        + t.params().get("elasticNetParam"), t.value()));
    assertEquals(4, ours.size());
    for (int i = 0; i < grid.length; i++) {
      String key = grid[i].apply(lr.regParam()) + "/" + grid[i].apply(lr.elasticNetParam());
      assertEquals(cv.avgMetrics()[i], ours.get(key), 1e-6, key);
    }
    double cvBest = java.util.Arrays.stream(cv.avgMetrics()).max().orElseThrow();
    assertEquals(cvBest, model.bestMetric(), 1e-6);
  }

  @Test
  void trialsDataFrameHasOneTypedColumnPerParameterAndEveryTrial() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(10);
    SearchSpace space = new SearchSpace()
        .logUniform(lr.regParam(), 1e-4, 1.0)
        .intRange(lr.maxIter(), 5, 15)
        .categorical(lr.fitIntercept(), true, false);
    TunedModel model = new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator()).setSearchSpace(space)
        .setSampler(new RandomSampler()).setMaxTrials(3)
        .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
        .setSeed(11).fit(data);
    Dataset<Row> trials = model.trials();
    assertEquals(3, trials.count());
    assertEquals("double", trials.schema().apply("regParam").dataType().simpleString());
    assertEquals("bigint", trials.schema().apply("maxIter").dataType().simpleString());
    assertEquals("boolean", trials.schema().apply("fitIntercept").dataType().simpleString());
    assertEquals("array<double>", trials.schema().apply("foldMetrics").dataType()
        .simpleString());
    Row best = trials.orderBy(functions.col("metric").desc()).first();
    assertEquals(model.bestMetric(), best.getDouble(best.fieldIndex("metric")), 0);
    assertEquals(2, best.getList(best.fieldIndex("foldMetrics")).size());
    assertEquals("COMPLETE", best.getString(best.fieldIndex("status")));
    assertTrue(model.provenance().get("sampler").contains("random"));
    assertEquals(model.trialList().get(0).params(), new HyperparameterSearch().setEstimator(lr)
            .setEvaluator(new BinaryClassificationEvaluator()).setSearchSpace(space)
            .setMaxTrials(1).setRefit(false)
            .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
            .setSeed(11).fit(data).trialList().get(0).params(), "the same seed gives the same trials");
  }

  @Test
  void failingTrialIsRecordedAndTheStudyGoesOn() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(10);
    TunedModel model = new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new MulticlassClassificationEvaluator())
        .setSearchSpace(new SearchSpace().categorical(lr.family(), "binomial", "multinomial"))
        .setSampler(new GridSampler())
        .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
        .fit(TestData.multiclass());
    assertEquals(TrialState.FAILED, model.trialList().get(0).state());
    assertTrue(model.trialList().get(0).error().contains("Binomial family only supports"),
        model.trialList().get(0).error());
    assertEquals(TrialState.COMPLETE, model.trialList().get(1).state());
    assertEquals("multinomial", model.bestParams().get("family"));
  }

  @Test
  void fitFailsWithTheFirstErrorWhenEveryTrialFails() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    HyperparameterSearch search = new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new MulticlassClassificationEvaluator())
        .setSearchSpace(new SearchSpace().categorical(lr.family(), "binomial"))
        .setSampler(new GridSampler())
        .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"));
    TuningException e = assertThrows(TuningException.class,
        () -> search.fit(TestData.multiclass()));
    assertTrue(e.getMessage().startsWith("every trial failed (1 asked); the first, trial 0 with"
        + " {family=binomial}, failed with: "), e.getMessage());
    assertTrue(e.getMessage().contains("Binomial family only supports"), e.getMessage());
  }

  @Test
  void pipelinePrefixIsFittedOncePerFoldNotOncePerTrial() {
    CountingStringIndexer.FITS.set(0);
    LogisticRegression lr = new LogisticRegression().setMaxIter(10);
    PipelineStage[] features = TestData.adultFeatureStages();
    CountingStringIndexer indexer = new CountingStringIndexer();
    indexer.setInputCols(TestData.ADULT_CATEGORICAL)
        .setOutputCols(((org.apache.spark.ml.feature.StringIndexer) features[0]).getOutputCols())
        .setHandleInvalid("keep");
    Pipeline pipeline = new Pipeline().setStages(
        new PipelineStage[] {indexer, features[1], features[2], lr});
    TunedModel model = new HyperparameterSearch().setEstimator(pipeline)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 1.0))
        .setMaxTrials(4).setParallelism(2)
        .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
        .fit(TestData.adult().limit(3000));
    assertEquals(4, model.trialList().size());
    assertEquals(3, model.prefixFits());
    // 3 folds x 1 prefix fit, plus the refit on all the data; 4 trials x 3 folds without it.
    assertEquals(3 + 1, CountingStringIndexer.FITS.get());
    assertTrue(model.bestModel() instanceof PipelineModel);
  }

  @Test
  void fitsInFlightBoundsTheFoldFitsRunningAtOnce() {
    RecordingLogisticRegression lr = new RecordingLogisticRegression();
    lr.setMaxIter(10);
    // Two trials at once, three folds each: up to six fits without the bound.
    RecordingLogisticRegression.clear();
    gridSearch(lr).setParallelism(2).setFitsInFlight(1).fit(data);
    assertEquals(4 * 3 + 1, RecordingLogisticRegression.fits().size());
    assertEquals(1, RecordingLogisticRegression.mostAtOnce());

    RecordingLogisticRegression.clear();
    gridSearch(lr).setParallelism(2).fit(data);
    int most = RecordingLogisticRegression.mostAtOnce();
    assertTrue(most >= 1 && most <= 2, "the default bound is the parallelism: " + most);
  }

  @Test
  void tunedModelServesAsAPipelineStageAndTransformsWithTheBestModel() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(10);
    HyperparameterSearch search = gridSearch(lr).setParallelism(1);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {search}).fit(data);
    TunedModel model = (TunedModel) fitted.stages()[0];
    Dataset<Row> out = fitted.transform(data);
    assertTrue(List.of(out.columns()).contains("prediction"));
    assertEquals(model.bestModel().transform(data).select("prediction").collectAsList(),
        out.select("prediction").collectAsList());
  }

  @Test
  void copyDeepCopiesTheEstimatorAndEvaluatorAndKeepsTheUid() {
    HyperparameterSearch search = gridSearch(new LogisticRegression());
    HyperparameterSearch copy = search.copy(ParamMap.empty());
    assertEquals(search.uid(), copy.uid());
    assertNotSame(search.getEstimator(), copy.getEstimator());
    assertEquals(search.getEstimator().uid(), copy.getEstimator().uid());
    assertNotSame(search.getEvaluator(), copy.getEvaluator());
    assertEquals(search.getSearchSpace(), copy.getSearchSpace());
    assertEquals(2, copy.getParallelism());
  }
}
