package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.HyperparameterSearch;
import org.sparktune.schedule.Iterations;

/** A config read into a search, without Spark jobs: every key reaches its param. */
class StudyConfigTest {

  private static final StructType SCHEMA = new StructType().add("age", DataTypes.DoubleType)
      .add("city", DataTypes.StringType).add("income", DataTypes.StringType);

  @TempDir
  Path dir;

  private HyperparameterSearch build(String yaml, String... overrides) throws IOException {
    Path file = dir.resolve("study.yaml");
    Files.writeString(file, yaml);
    return ConfiguredStudy.build(StudyConfigReader.read(file, List.of(overrides)), SCHEMA)
        .search();
  }

  private static final String STUDY = """
      input: {csv: data.csv}
      label: income
      estimator: {class: logisticRegression, params: {maxIter: 7, family: binomial}}
      evaluator: {metric: accuracy}
      space:
        dimensions:
          - {name: regParam, param: model.regParam, type: float, low: 0.001, high: 1, log: true}
      scheduler: {name: successiveHalving}
      fidelity: {name: iterations, param: maxIter, maxValue: 81, minValue: 3}
      raceFolds: true
      budget: {maxTrials: 9, parallelism: 3, seed: 5, timeoutSeconds: 900,
               trialTimeoutSeconds: 60, stopAfterNoImprovement: 5, targetMetric: 0.93}
      """;

  @Test
  void everyKeyReachesTheSearch() throws IOException {
    HyperparameterSearch search = build(STUDY);
    assertEquals(9, search.getMaxTrials());
    assertEquals(3, search.getParallelism());
    assertEquals(5L, search.getSeed());
    assertEquals(900.0, search.getTimeout());
    assertEquals(60.0, search.getTrialTimeout());
    assertEquals(5, search.getStopAfterNoImprovement());
    assertEquals(0.93, search.getTargetMetric());
    assertEquals(new Iterations("maxIter", 81, 3), search.getFidelity());
    assertTrue(search.getRaceFolds());
    assertEquals("successiveHalving", search.getScheduler().name());
    assertEquals("study", search.getStudyName());
    PipelineStage[] stages = ((Pipeline) search.getEstimator()).getStages();
    LogisticRegression lr = (LogisticRegression) stages[stages.length - 1];
    assertEquals("model", lr.uid());
    assertEquals(7, lr.getMaxIter());
    assertEquals("binomial", lr.getFamily());
    assertEquals("income_index", lr.getLabelCol());
    MulticlassClassificationEvaluator evaluator =
        (MulticlassClassificationEvaluator) search.getEvaluator();
    assertEquals("accuracy", evaluator.getMetricName());
    assertEquals("income_index", evaluator.getLabelCol());
    search.transformSchema(SCHEMA);
  }

  @Test
  void setOverridesReplaceKeysAndAddNewOnes() throws IOException {
    HyperparameterSearch search = build(STUDY, "budget.maxTrials=27", "sampler.name=tpe",
        "study=nightly", "space.dimensions.0.high=0.5");
    assertEquals(27, search.getMaxTrials());
    assertEquals("tpe", search.getSampler().name());
    assertEquals("nightly", search.getStudyName());
    assertTrue(search.getSearchSpace().toJson().contains("\"high\":0.5"),
        search.getSearchSpace().toJson());
  }

  @Test
  void aSchedulerWithoutANameIsMultiFidelityAndJsonConfigsReadAsYamlOnes() throws IOException {
    Path file = dir.resolve("study.json");
    Files.writeString(file, """
        {"input": {"parquet": "x"}, "label": "income", "features": {"numeric": ["age"]},
         "estimator": "LogisticRegression", "evaluator": {"metric": "areaUnderROC"},
         "space": {"dimensions": [{"name": "r", "param": "model.regParam", "type": "float",
                   "low": 0.01, "high": 1}]},
         "scheduler": {"minFraction": 0.25}}
        """);
    HyperparameterSearch search = ConfiguredStudy.build(StudyConfigReader.read(file,
        List.of()), SCHEMA).search();
    assertEquals("multiFidelity", search.getScheduler().name());
    assertEquals("study", search.getStudyName());
  }
}
