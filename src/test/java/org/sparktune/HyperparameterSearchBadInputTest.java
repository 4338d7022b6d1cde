package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.testing.TestData;

/** Every mistake fails before any training, with a message that names the thing and the fix. */
class HyperparameterSearchBadInputTest {

  private static HyperparameterSearch search(LogisticRegression lr) {
    return new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 1.0));
  }

  @Test
  void spaceParamOfAStageOutsideTheEstimatorFailsNamingTheStages() {
    LogisticRegression inPipeline = new LogisticRegression("lr_in");
    LogisticRegression elsewhere = new LogisticRegression("lr_elsewhere");
    HyperparameterSearch s = new HyperparameterSearch()
        .setEstimator(new Pipeline("pipe").setStages(new PipelineStage[] {inPipeline}))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(elsewhere.regParam(), 1e-3, 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.fit(TestData.adultNumeric(100)));
    assertEquals("search space param 'regParam' belongs to stage 'lr_elsewhere', which is not"
        + " part of the estimator; its stages are [pipe, lr_in]. Build the space from the"
        + " Params of the stages you pass to setEstimator (e.g. lr.regParam() of the same lr in"
        + " the Pipeline).", e.getMessage());
  }

  @Test
  void missingLabelColumnFailsNamingTheColumnsThatExist() {
    LogisticRegression lr = new LogisticRegression("lr").setLabelCol("target");
    Dataset<Row> data = TestData.adultNumeric(100).select("features", "label");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search(lr).fit(data));
    assertTrue(e.getMessage().startsWith("estimator lr cannot use the input: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("target"), e.getMessage());
    assertTrue(e.getMessage().endsWith(". The input's columns are [features: vector, label:"
        + " double]; point the estimator's column params (featuresCol, labelCol, inputCols, …)"
        + " at columns the input has."), e.getMessage());
  }

  @Test
  void evaluatorReadingAColumnTheModelDoesNotWriteFails() {
    LinearRegression linear = new LinearRegression("linreg");
    HyperparameterSearch s = new HyperparameterSearch().setEstimator(linear)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(linear.regParam(), 1e-3, 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.fit(TestData.adultNumeric(100).select("features", "label")));
    assertEquals("evaluator BinaryClassificationEvaluator reads column 'rawPrediction'"
        + " (rawPredictionCol), which the estimator's model does not write; the model's output"
        + " columns are [features: vector, label: double, prediction: double]. Set"
        + " rawPredictionCol to one of them, or use an evaluator that fits the model (e.g."
        + " RegressionEvaluator for a regressor).", e.getMessage());
  }

  @Test
  void emptyInputFailsBeforeTraining() {
    Dataset<Row> empty = TestData.adultNumeric(100).limit(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search(new LogisticRegression()).fit(empty));
    assertEquals("the input DataFrame has no rows; nothing can be tuned on it: check the"
        + " filter or the table version that produced it.", e.getMessage());
  }

  @Test
  void parallelismBelowOneFailsNamingTheAllowedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().setParallelism(0));
    assertEquals("parallelism must be at least 1 but is 0; set parallelism to the number of"
        + " trials at once you want (1 or more).", e.getMessage());
  }

  @Test
  void maxTrialsBelowOneFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().setMaxTrials(0));
    assertEquals("maxTrials must be at least 1 but is 0; set maxTrials to the number of trials"
        + " you want (1 or more).", e.getMessage());
  }

  @Test
  void aStudyTimeoutOfZeroOrLessFailsSayingHowToHaveNone() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().setTimeout(0));
    assertEquals("timeout must be more than 0 seconds but is 0.0; it is the wall-clock budget"
        + " of the search: give the seconds it may take, e.g. setTimeout(3600), or"
        + " clear(timeout()) for none.", e.getMessage());
  }

  @Test
  void aTrialTimeoutOfZeroOrLessFailsSayingHowToHaveNone() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().setTrialTimeout(-5));
    assertEquals("trialTimeout must be more than 0 seconds but is -5.0; it is the wall-clock"
        + " budget of each trial at each data fraction: give the seconds it may take, e.g."
        + " setTrialTimeout(600), or clear(trialTimeout()) for none.", e.getMessage());
  }

  @Test
  void noImprovementBelowOneTrialFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().setStopAfterNoImprovement(0));
    assertEquals("stopAfterNoImprovement must be at least 1 but is 0; it is the number of"
        + " finished trials in a row without a better value that stops the study: give one,"
        + " e.g. setStopAfterNoImprovement(10), or clear(stopAfterNoImprovement()) for none.",
        e.getMessage());
  }

  @Test
  void aTargetMetricThatIsNotFiniteFails() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new HyperparameterSearch().setTargetMetric(bad));
      assertEquals("targetMetric must be a finite number but is " + bad + "; give the metric"
          + " value that stops the study once a COMPLETE trial reaches it (at least it when"
          + " the evaluator's larger values are better, at most it otherwise), e.g."
          + " setTargetMetric(0.9), or clear(targetMetric()) for none.", e.getMessage());
    }
  }

  @Test
  void missingEstimatorFailsWithAnExample() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().fit(TestData.adultNumeric(10)));
    assertEquals("HyperparameterSearch needs estimator; call setEstimator(pipeline) before fit.",
        e.getMessage());
  }

  @Test
  void continuousDimensionOnAGridWithoutPointsFailsBeforeTraining() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search(new LogisticRegression()).setSampler(new GridSampler())
            .fit(TestData.adultNumeric(100)));
    assertEquals("GridSampler cannot enumerate continuous dimension 'regParam' (log-scaled);"
        + " give it a number of grid points with new GridSampler().setGridPoints(\"regParam\","
        + " 5), list its values with categorical(...), or use RandomSampler.", e.getMessage());
  }

  @Test
  void valueOfTheWrongTypeForItsParamFails() {
    LogisticRegression lr = new LogisticRegression();
    HyperparameterSearch s = search(lr)
        .setSearchSpace(new SearchSpace().categorical(lr.maxIter(), "ten", "twenty"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.fit(TestData.adultNumeric(100)));
    assertEquals("search space param 'maxIter' is an int param but value ten is a string;"
        + " give int values.", e.getMessage());
  }

  @Test
  void aConditionOnAParamThatIsNotCategoricalFailsBeforeTraining() {
    LogisticRegression lr = new LogisticRegression("lr");
    HyperparameterSearch s = new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace()
            .logUniform(lr.regParam(), 1e-3, 1.0)
            .when(lr.regParam(), 0.1, t -> t.uniform(lr.elasticNetParam(), 0, 1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.fit(TestData.adultNumeric(100)));
    assertTrue(e.getMessage().startsWith("dimension 'elasticNetParam' applies only when"
        + " 'regParam' takes given values, but 'regParam' is FloatRange"), e.getMessage());
  }
}
