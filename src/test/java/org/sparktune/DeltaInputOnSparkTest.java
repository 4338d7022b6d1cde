package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.delta.DeltaInput;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.KFold;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.TrialEvent;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.TestData;

/** A study on a Delta table pinned to one version, on real Delta tables on local disk. */
@Timeout(300)
class DeltaInputOnSparkTest {

  private static final int FIRST = 1200;
  private static final int APPENDED = 300;

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private static Dataset<Row> adultRows(int n) {
    List<String> columns = new java.util.ArrayList<>(List.of(TestData.ADULT_NUMERIC));
    columns.add("label");
    return TestData.adult().limit(n).selectExpr(columns.toArray(new String[0]));
  }

  /** A Delta table of {@link #FIRST} Adult rows at version 0; returns its path. */
  private String table(String name) {
    String path = dir.resolve(name).toString();
    adultRows(FIRST).write().format("delta").save(path);
    return path;
  }

  private void append(String path) {
    adultRows(APPENDED).write().format("delta").mode("append").save(path);
  }

  private static HyperparameterSearch search(RecordingLogisticRegression lr, int trials) {
    PipelineStage[] stages = {
        new VectorAssembler().setInputCols(TestData.ADULT_NUMERIC).setOutputCol("features"),
        lr.setMaxIter(5)};
    return new HyperparameterSearch()
        .setEstimator(new Pipeline().setStages(stages))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 1.0))
        .setSampler(new RandomSampler())
        .setSplitter(new KFold().setNumFolds(3))
        .setMaxTrials(trials).setParallelism(1).setSeed(5).setStudyName("pinned");
  }

  /** The rows of the refit, the last fit of a search. */
  private static long refitRows() {
    List<RecordingLogisticRegression.Fit> fits = RecordingLogisticRegression.fits();
    return fits.get(fits.size() - 1).rows();
  }

  @Test
  void aStudyReadsItsPinnedVersionWhileTheTableGrowsUnderIt() throws Exception {
    String path = table("events");
    DeltaInput input = DeltaInput.latest(spark, path);
    assertEquals(0, input.version());
    InMemoryTrialStore store = new InMemoryTrialStore();
    RecordingLogisticRegression lr = new RecordingLogisticRegression();
    RecordingLogisticRegression.clear();
    RecordingLogisticRegression.beforeNextFit(() -> append(path));

    TunedModel model = search(lr, 3).setTrialStore(store).fit(input);

    assertEquals(1, DeltaInput.latest(spark, path).version(), "the table grew mid-study");
    assertEquals(FIRST + APPENDED, DeltaInput.latest(spark, path).read().count());
    List<RecordingLogisticRegression.Fit> fits = RecordingLogisticRegression.fits();
    assertEquals(3 * 3 + 1, fits.size());
    // Each trial trains on 2/3 of the pinned rows in each of its 3 folds: 2 × FIRST in all.
    for (int trial = 0; trial < 3; trial++) {
      long rows = fits.subList(3 * trial, 3 * trial + 3).stream()
          .mapToLong(RecordingLogisticRegression.Fit::rows).sum();
      assertEquals(2L * FIRST, rows, "trial " + trial);
    }
    assertEquals(FIRST, refitRows(), "the refit reads the pinned version too");
    assertEquals(path, model.provenance().get("inputTable"));
    assertEquals("0", model.provenance().get("inputVersion"));
    String saved = dir.resolve("model").toString();
    model.write().save(saved);
    assertEquals("delta:" + path + "@0", TunedModel.load(saved).provenance().get("input"),
        "a saved model keeps the snapshot it tuned on");
    assertFalse(store.events().isEmpty());
    for (TrialEvent e : store.events()) {
      assertEquals("delta:" + path + "@0", e.input(), e.toString());
    }
  }

  @Test
  void aResumedStudyReadsTheVersionItRecordedAndRefusesAnother() {
    String path = table("resumed");
    append(path);
    InMemoryTrialStore store = new InMemoryTrialStore();
    RecordingLogisticRegression lr = new RecordingLogisticRegression();
    TunedModel first = search(lr, 2).setTrialStore(store).fit(DeltaInput.at(spark, path, 0));
    assertEquals("0", first.provenance().get("inputVersion"));

    RecordingLogisticRegression.clear();
    TunedModel resumed = search(lr, 4).setTrialStore(store).fit(DeltaInput.latest(spark, path));
    assertEquals(4, resumed.trialList().size());
    assertEquals(2 * 3 + 1, RecordingLogisticRegression.fits().size(), "two trials were new");
    assertEquals("0", resumed.provenance().get("inputVersion"));
    assertEquals(FIRST, refitRows());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> search(lr, 6).setTrialStore(store).fit(DeltaInput.at(spark, path, 1)));
    assertEquals("study 'pinned' ran on delta:" + path + "@0 but this run reads delta:" + path
        + "@1; a study resumes on the data it started on: read the recorded snapshot"
        + " (DeltaInput.latest resumes at it), or give this study a new name (or a new store)"
        + " to start afresh on the new data.", e.getMessage());
  }

  @Test
  void aTableByCatalogNameIsPinnedLikeAPath() {
    String name = "sparktune_delta_input_test";
    spark.sql("DROP TABLE IF EXISTS " + name);
    try {
      adultRows(FIRST).write().format("delta").saveAsTable(name);
      adultRows(APPENDED).write().format("delta").mode("append").saveAsTable(name);
      DeltaInput latest = DeltaInput.latest(spark, name);
      assertEquals(1, latest.version());
      assertEquals(FIRST, DeltaInput.at(spark, name, 0).read().count());
      assertEquals(FIRST + APPENDED, latest.read().count());

      spark.sql("DROP TABLE IF EXISTS " + name);
      adultRows(10).write().format("parquet").saveAsTable(name);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DeltaInput.latest(spark, name));
      assertEquals("table " + name + " is not a Delta table; pass a Delta table, or read this"
          + " one yourself and pass the DataFrame to fit.", e.getMessage());
    } finally {
      spark.sql("DROP TABLE IF EXISTS " + name);
    }
  }

  @Test
  void whatIsNotAPinnableDeltaTableFailsNamingItAndTheFix() {
    String path = table("bad");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeltaInput.at(spark, path, 7));
    assertEquals("version 7 of Delta table " + path + " does not exist: its readable versions"
        + " are 0 to 0; pass one of those, or DeltaInput.latest(spark, \"" + path + "\") for"
        + " the current one.", e.getMessage());

    String parquet = dir.resolve("plain").toString();
    adultRows(10).write().parquet(parquet);
    e = assertThrows(IllegalArgumentException.class, () -> DeltaInput.latest(spark, parquet));
    assertEquals(parquet + " is not a Delta table: it has no _delta_log; pass the root folder"
        + " of a Delta table, or convert this one (CONVERT TO DELTA parquet.`" + parquet + "`),"
        + " or read it yourself and pass the DataFrame to fit.", e.getMessage());

    String missing = dir.resolve("nowhere").toString();
    e = assertThrows(IllegalArgumentException.class, () -> DeltaInput.latest(spark, missing));
    assertEquals("Delta table " + missing + " does not exist: nothing is at that path; check"
        + " the path, or write the table first with df.write().format(\"delta\").save(\""
        + missing + "\").", e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> DeltaInput.latest(spark, "no_such_table_here"));
    assertEquals("Delta table no_such_table_here is not in the catalog; check the name"
        + " (spark.catalog().listTables()), or pass the table's path instead.", e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> DeltaInput.latest(spark, " "));
    assertTrue(e.getMessage().startsWith("the Delta table is blank; pass a table's path"),
        e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().fit((DeltaInput) null));
    assertEquals("input is null; pass a pinned Delta table, e.g."
        + " fit(DeltaInput.latest(spark, \"/delta/events\")), or a DataFrame.", e.getMessage());
  }
}
