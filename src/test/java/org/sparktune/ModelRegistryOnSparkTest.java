package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.delta.DeltaInput;
import org.sparktune.delta.ModelRegistry;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.KFold;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.TestData;

/** The model registry: best models saved under a folder, listed in a Delta table. */
@Timeout(300)
class ModelRegistryOnSparkTest {

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private static Dataset<Row> rows() {
    List<String> columns = new ArrayList<>(List.of(TestData.ADULT_NUMERIC));
    columns.add("label");
    return TestData.adult().limit(900).selectExpr(columns.toArray(new String[0]));
  }

  private static HyperparameterSearch search(String registry, long seed) {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    PipelineStage[] stages = {
        new VectorAssembler().setInputCols(TestData.ADULT_NUMERIC).setOutputCol("features"),
        lr};
    return new HyperparameterSearch()
        .setEstimator(new Pipeline().setStages(stages))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 1.0))
        .setSampler(new RandomSampler()).setSplitter(new KFold().setNumFolds(2))
        .setMaxTrials(2).setParallelism(1).setSeed(seed).setStudyName("churn")
        .setModelRegistry(registry);
  }

  @Test
  void eachFitRegistersItsBestModelAndTheLatestLoadsBack() {
    String registry = dir.resolve("registry").toString();
    String table = dir.resolve("events").toString();
    rows().write().format("delta").save(table);
    TunedModel first = search(registry, 1).fit(rows());
    TunedModel second = search(registry, 2).fit(DeltaInput.latest(spark, table));

    List<Row> entries = ModelRegistry.entries(spark, registry).orderBy("registeredAt")
        .collectAsList();
    assertEquals(2, entries.size());
    Row last = entries.get(1);
    assertEquals("churn", last.getAs("study"));
    assertEquals(second.bestTrial().number(), (int) last.<Integer>getAs("trial"));
    assertEquals(second.bestMetric(), last.<Double>getAs("metric"), 0.0);
    assertEquals("areaUnderROC", last.getAs("metricName"));
    assertEquals(table, last.getAs("inputTable"));
    assertEquals(0L, (long) last.<Long>getAs("inputVersion"));
    assertTrue(last.<String>getAs("params").contains("regParam"), last.toString());
    assertNull(entries.get(0).getAs("inputTable"), "a DataFrame has no table to name");
    assertEquals(second.provenance().get("registeredModel"), last.getAs("modelPath"));
    assertTrue(Files.isDirectory(Path.of(last.<String>getAs("modelPath"))));
    assertTrue(last.<String>getAs("modelPath").startsWith(registry + "/models/churn/"));

    TunedModel latest = TunedModel.latest(spark, registry, "churn");
    assertEquals(second.bestMetric(), latest.bestMetric(), 0.0);
    assertEquals(second.provenance().get("registeredModel"),
        latest.provenance().get("registeredModel"));
    assertEquals(rows().count(), latest.transform(rows()).count());
    assertEquals(first.bestMetric(), TunedModel.load(entries.get(0).getAs("modelPath"))
        .bestMetric(), 0.0);

    // The README's query.
    List<Row> newest = spark.sql("SELECT study, trial, metric, inputVersion, modelPath FROM"
        + " delta.`" + registry + "/registry` WHERE study = 'churn' ORDER BY registeredAt DESC")
        .collectAsList();
    assertEquals(2, newest.size());
    assertEquals(second.bestMetric(), newest.get(0).getDouble(2), 0.0);
    assertEquals(0L, newest.get(0).getLong(3));
  }

  @Test
  void badRegistriesFailBeforeTrainingWithTheFix() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    assertEquals("modelRegistry " + file + " is a file; give a folder (new, or one that"
        + " already holds a registry).", assertThrows(IllegalArgumentException.class,
            () -> search(file.toString(), 1).fit(rows())).getMessage());
    Path parquet = dir.resolve("plain");
    rows().write().parquet(parquet.resolve("registry").toString());
    assertEquals("modelRegistry " + parquet + " is not a sparktune model registry: its registry"
        + " folder is not a Delta table. Give a new folder, or the folder of an existing"
        + " registry.", assertThrows(IllegalArgumentException.class,
            () -> search(parquet.toString(), 1).fit(rows())).getMessage());
    assertEquals("modelRegistry is set but refit is false: the registry keeps the refitted best"
        + " model. Set refit to true, or leave modelRegistry unset.",
        assertThrows(IllegalArgumentException.class, () -> search(dir.resolve("r").toString(), 1)
            .setRefit(false).fit(rows())).getMessage());
    assertEquals("modelRegistry is blank; give a folder for the registry, e.g."
        + " setModelRegistry(\"/delta/models\").", assertThrows(IllegalArgumentException.class,
            () -> new HyperparameterSearch().setModelRegistry(" ")).getMessage());
    String registry = dir.resolve("reg").toString();
    search(registry, 1).fit(rows());
    assertEquals("model registry " + registry + " has no model of study 'churm'; its studies"
        + " are [churn]. Check the study name (setStudyName), or tune it with"
        + " setModelRegistry(\"" + registry + "\") first.", assertThrows(
            IllegalArgumentException.class, () -> TunedModel.latest(spark, registry, "churm"))
            .getMessage());
    String none = dir.resolve("none").toString();
    assertEquals("no model registry at " + none + ": it has no registry table (" + none
        + "/registry); give the folder a search saved models to with setModelRegistry.",
        assertThrows(IllegalArgumentException.class,
            () -> TunedModel.latest(spark, none, "churn")).getMessage());
  }
}
