package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.testing.TestData;

class PersistenceTest {

  private static Dataset<Row> data;
  private static HyperparameterSearch search;
  private static TunedModel model;

  @BeforeAll
  static void fit() {
    data = TestData.adultNumeric(2000);
    LogisticRegression lr = new LogisticRegression().setMaxIter(10);
    search = new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator().setMetricName("areaUnderPR"))
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 1.0)
            .fixed(lr.elasticNetParam(), 0.5))
        .setSampler(new GridSampler().setGridPoints("regParam", 3))
        .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
        .setMaxTrials(3).setParallelism(2).setSeed(5).setTimeout(600).setTrialTimeout(300)
        .setStopAfterNoImprovement(50).setTargetMetric(0.999);
    model = search.fit(data);
  }

  @Test
  void searchSavesAndLoadsWithEveryParam(@TempDir Path dir) throws IOException {
    String path = dir.resolve("search").toString();
    search.save(path);
    HyperparameterSearch loaded = HyperparameterSearch.load(path);
    assertEquals(search.uid(), loaded.uid());
    assertEquals(search.getSearchSpace(), loaded.getSearchSpace());
    assertEquals(search.getSampler(), loaded.getSampler());
    assertEquals(search.getSplitter().config(), loaded.getSplitter().config());
    assertEquals(3, loaded.getMaxTrials());
    assertEquals(2, loaded.getParallelism());
    assertEquals(5L, loaded.getSeed());
    assertEquals(600.0, loaded.getTimeout());
    assertEquals(300.0, loaded.getTrialTimeout());
    assertEquals(50, loaded.getStopAfterNoImprovement());
    assertEquals(0.999, loaded.getTargetMetric());
    assertEquals(search.getEstimator().uid(), loaded.getEstimator().uid());
    assertEquals("areaUnderPR", ((BinaryClassificationEvaluator) loaded.getEvaluator())
        .getMetricName());
    TunedModel again = loaded.fit(data);
    assertEquals(model.bestParams(), again.bestParams());
  }

  @Test
  void modelSavesAndLoadsWithItsTrialsAndPredictsTheSame(@TempDir Path dir) throws IOException {
    String path = dir.resolve("model").toString();
    model.save(path);
    TunedModel loaded = TunedModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals(model.trialList(), loaded.trialList());
    assertEquals(model.bestParams(), loaded.bestParams());
    assertEquals(model.bestMetric(), loaded.bestMetric());
    assertEquals("areaUnderPR", loaded.metricName());
    assertEquals(model.provenance(), loaded.provenance());
    assertEquals("SCHEDULE_DONE", model.stopReason());
    assertEquals(model.stopReason(), loaded.stopReason());
    assertEquals(model.bestParamMap().toString(), loaded.bestParamMap().toString());
    assertEquals(model.transform(data).select("prediction").collectAsList(),
        loaded.transform(data).select("prediction").collectAsList());
    assertEquals(model.trials().drop("provenance").collectAsList(),
        loaded.trials().drop("provenance").collectAsList());
  }

  @Test
  void saveRefusesAnExistingPathUnlessOverwrite(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("taken");
    Files.createDirectories(path);
    Files.writeString(path.resolve("something"), "x");
    IOException e = assertThrows(IOException.class, () -> model.save(path.toString()));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    model.write().overwrite().save(path.toString());
    assertEquals(model.trialList(), TunedModel.load(path.toString()).trialList());
  }
}
