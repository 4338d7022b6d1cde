package org.sparktune.delta;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A folder of tuned models and the Delta table that lists them: each study's refitted best
 * model saved in MLlib format under {@code <registry>/models/<study>/}, and one row per saved
 * model in the Delta table {@code <registry>/registry}, appended blind once the model is saved
 * (so concurrent jobs never conflict, and a row always points at a complete model). The table
 * is what users query with Spark SQL; {@link #latest} finds a study's newest model.
 *
 * <p>Schema of the registry table, one row per registered model: {@code study} (string),
 * {@code trial} (int, the best trial's number), {@code params} (string, the best params as
 * JSON), {@code metric} (double, the best trial's cross-validated metric), {@code metricName}
 * (string), {@code modelPath} (string, the saved TunedModel), {@code inputTable} (string, or
 * null for a DataFrame sparktune cannot name), {@code inputVersion} (long, or null), {@code
 * sparktuneVersion} (string), {@code registeredAt} (timestamp), {@code application} (string,
 * the Spark application id of the job that tuned it).
 */
public final class ModelRegistry {

  static final StructType SCHEMA = new StructType()
      .add("study", DataTypes.StringType, false)
      .add("trial", DataTypes.IntegerType, false)
      .add("params", DataTypes.StringType, false)
      .add("metric", DataTypes.DoubleType, false)
      .add("metricName", DataTypes.StringType, false)
      .add("modelPath", DataTypes.StringType, false)
      .add("inputTable", DataTypes.StringType, true)
      .add("inputVersion", DataTypes.LongType, true)
      .add("sparktuneVersion", DataTypes.StringType, false)
      .add("registeredAt", DataTypes.TimestampType, false)
      .add("application", DataTypes.StringType, false);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /**
   * One registered model.
   *
   * @param inputTable the table it tuned on, or null
   * @param inputVersion that table's version, or null
   */
  public record Entry(String study, int trial, String params, double metric, String metricName,
      String modelPath, String inputTable, Long inputVersion, String sparktuneVersion,
      Instant registeredAt, String application) {}

  private ModelRegistry() {}

  /** The path of the registry table of registry folder {@code registry}. */
  public static String table(String registry) {
    return new Path(registry, "registry").toString();
  }

  /**
   * Where the model of {@code study}'s trial {@code trial}, registered at {@code at}, is
   * saved: {@code <registry>/models/<study>/<yyyyMMdd-HHmmss-SSS>-trial-<trial>}.
   */
  public static String modelPath(String registry, String study, Instant at, int trial) {
    return new Path(new Path(new Path(registry, "models"), study),
        STAMP.format(at) + "-trial-" + trial).toString();
  }

  /**
   * Checks, before any training, that {@code registry} can hold models: a folder that does not
   * exist yet, or one whose registry table (if any) is a Delta table with the registry's
   * columns. Throws naming the path and the fix.
   */
  public static void check(SparkSession spark, String registry) {
    if (registry == null || registry.isBlank()) {
      throw new IllegalArgumentException("modelRegistry is blank; give a folder for the"
          + " registry, e.g. setModelRegistry(\"/delta/models\").");
    }
    try {
      Path root = new Path(registry);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
        throw new IllegalArgumentException("modelRegistry " + registry + " is a file; give a"
            + " folder (new, or one that already holds a registry).");
      }
      Path table = new Path(table(registry));
      if (!fs.exists(table)) {
        return;
      }
      if (!fs.exists(new Path(table, "_delta_log"))) {
        throw notRegistry(registry, "its registry folder is not a Delta table");
      }
      StructType found = spark.read().format("delta").load(table.toString()).schema();
      List<String> missing = java.util.Arrays.stream(SCHEMA.fieldNames())
          .filter(name -> !List.of(found.fieldNames()).contains(name))
          .collect(Collectors.toList());
      if (!missing.isEmpty()) {
        throw notRegistry(registry, "its registry table lacks the columns " + missing);
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("modelRegistry " + registry + " cannot be read: "
          + e.getMessage() + "; check the path and its permissions.", e);
    }
  }

  private static IllegalArgumentException notRegistry(String registry, String why) {
    return new IllegalArgumentException("modelRegistry " + registry + " is not a sparktune model"
        + " registry: " + why + ". Give a new folder, or the folder of an existing registry.");
  }

  /** Appends {@code entry} to the registry table of {@code registry}: one blind append. */
  public static void append(SparkSession spark, String registry, Entry entry) {
    Row row = RowFactory.create(entry.study(), entry.trial(), entry.params(), entry.metric(),
        entry.metricName(), entry.modelPath(), entry.inputTable(), entry.inputVersion(),
        entry.sparktuneVersion(), java.sql.Timestamp.from(entry.registeredAt()),
        entry.application());
    spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append")
        .save(table(registry));
  }

  /** Every model registered in {@code registry}, as its registry table holds them. */
  public static Dataset<Row> entries(SparkSession spark, String registry) {
    String table = table(registry);
    try {
      FileSystem fs = new Path(table).getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(new Path(table, "_delta_log"))) {
        throw new IllegalArgumentException("no model registry at " + registry + ": it has no"
            + " registry table (" + table + "); give the folder a search saved models to with"
            + " setModelRegistry.");
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("modelRegistry " + registry + " cannot be read: "
          + e.getMessage() + "; check the path and its permissions.", e);
    }
    return spark.read().format("delta").load(table);
  }

  /**
   * The newest model registered for {@code study} in {@code registry}; empty when the study
   * has none. Throws when {@code registry} holds no registry.
   */
  public static Optional<Entry> latest(SparkSession spark, String registry, String study) {
    List<Row> rows = entries(spark, registry).where(functions.col("study").equalTo(study))
        .orderBy(functions.col("registeredAt").desc()).limit(1).collectAsList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Row r = rows.get(0);
    return Optional.of(new Entry(r.getAs("study"), r.<Integer>getAs("trial"), r.getAs("params"),
        r.<Double>getAs("metric"), r.getAs("metricName"), r.getAs("modelPath"),
        r.getAs("inputTable"), r.getAs("inputVersion"), r.getAs("sparktuneVersion"),
        r.<java.sql.Timestamp>getAs("registeredAt").toInstant(), r.getAs("application")));
  }

  /** The studies that have a model in {@code registry}, sorted. */
  public static List<String> studies(SparkSession spark, String registry) {
    return entries(spark, registry).select("study").distinct().orderBy("study")
        .collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toList());
  }
}
