package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.KFold;
import org.sparktune.split.Splitter;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.TrialEvent;
import org.sparktune.study.TrialStore;
import org.sparktune.testing.TestData;

/**
 * A study resumed with another search space, estimator, splitter or evaluator is refused
 * before training, naming what differs; the same setup resumes.
 */
@Timeout(300)
class ResumeChecksTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    List<String> columns = new ArrayList<>(List.of(TestData.ADULT_NUMERIC));
    columns.add("label");
    data = TestData.adult().limit(600).selectExpr(columns.toArray(new String[0])).cache();
  }

  private static HyperparameterSearch search(int maxIter, double highReg, Splitter splitter,
      String metric, TrialStore store) {
    LogisticRegression lr = new LogisticRegression().setMaxIter(maxIter);
    PipelineStage[] stages = {
        new VectorAssembler().setInputCols(TestData.ADULT_NUMERIC).setOutputCol("features"),
        lr};
    return new HyperparameterSearch().setEstimator(new Pipeline().setStages(stages))
        .setEvaluator(new BinaryClassificationEvaluator().setMetricName(metric))
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, highReg))
        .setSampler(new RandomSampler()).setSplitter(splitter).setMaxTrials(1)
        .setParallelism(1).setSeed(3).setStudyName("nightly").setRefit(false)
        .setTrialStore(store);
  }

  private static String refused(HyperparameterSearch search) {
    return assertThrows(IllegalArgumentException.class, () -> search.fit(data)).getMessage();
  }

  @Test
  void aResumeWithAnotherSetupNamesWhatChanged() {
    TrialStore store = new InMemoryTrialStore();
    KFold two = new KFold().setNumFolds(2);
    search(5, 1.0, two, "areaUnderROC", store).fit(data);
    int recorded = store.events().size();
    assertEquals(TrialEvent.Kind.STARTED, store.events().get(0).kind());

    assertEquals("study 'nightly' ran with splitter {\"name\":\"kFold\",\"config\":"
        + "{\"numFolds\":2}} but this run has splitter {\"name\":\"kFold\",\"config\":"
        + "{\"numFolds\":3}}; a study resumes only with the splitter it started with: restore"
        + " it, or give this study a new name (or a new store) to start afresh.",
        refused(search(5, 1.0, new KFold().setNumFolds(3), "areaUnderROC", store)));
    assertEquals("study 'nightly' ran with estimator Pipeline[VectorAssembler{inputCols=[age,"
        + " fnlwgt, education_num, capital_gain, capital_loss, hours_per_week],"
        + " outputCol=features}, LogisticRegression{maxIter=5}] but this run has estimator"
        + " Pipeline[VectorAssembler{inputCols=[age, fnlwgt, education_num, capital_gain,"
        + " capital_loss, hours_per_week], outputCol=features}, LogisticRegression{maxIter=9}];"
        + " a study resumes only with the estimator it started with: restore it, or give this"
        + " study a new name (or a new store) to start afresh.",
        refused(search(9, 1.0, two, "areaUnderROC", store)));
    assertEquals("study 'nightly' ran with evaluator BinaryClassificationEvaluator{metricName="
        + "areaUnderROC} but this run has evaluator BinaryClassificationEvaluator{metricName="
        + "areaUnderPR}; a study resumes only with the evaluator it started with: restore it, or"
        + " give this study a new name (or a new store) to start afresh.",
        refused(search(5, 1.0, two, "areaUnderPR", store)));
    String space = refused(search(5, 10.0, two, "areaUnderROC", store));
    assertEquals("study 'nightly' was recorded over another search space: dimension"
        + " 'regParam' was {\"name\":\"regParam\",\"type\":\"float\",\"low\":0.001,\"high\":1.0,"
        + "\"log\":true,\"step\":0.0} and is {\"name\":\"regParam\",\"type\":\"float\",\"low\":"
        + "0.001,\"high\":10.0,\"log\":true,\"step\":0.0}. A study resumes only over the space it"
        + " started with: restore that space, or give this study a new name (or a new store) to"
        + " start afresh.", space);
    assertEquals(recorded, store.events().size(), "a refused run appends nothing");

    TunedModel resumed = search(5, 1.0, two, "areaUnderROC", store).setMaxTrials(2).fit(data);
    assertEquals(2, resumed.trialList().size(), "the same setup resumes");
    assertEquals(2, store.events().stream().filter(e -> e.kind() == TrialEvent.Kind.STARTED)
        .count(), "each run records its start");
  }
}
