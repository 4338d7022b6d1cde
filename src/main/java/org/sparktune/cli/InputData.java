package org.sparktune.cli;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparktune.delta.DeltaInput;

/**
 * The data a config names, read lazily (no job beyond what a schema needs): a Delta table pinned
 * to one version, Parquet, or CSV. A missing path or table fails with exit code 3.
 *
 * @param rows the rows, columns renamed as the config says
 * @param delta the pinned Delta input, or null for files
 * @param description what was read, for the console
 */
record InputData(Dataset<Row> rows, DeltaInput delta, String description) {

  /** Reads the input of {@code config}. */
  static InputData read(SparkSession spark, StudyConfig config) {
    StudyConfig.Input in = config.input();
    if (in.format().equals("delta") || in.format().equals("table")) {
      String table = in.format().equals("delta") && !in.location().contains("/")
          && !in.location().contains(":") ? "./" + in.location() : in.location();
      DeltaInput delta;
      try {
        delta = in.version() == null ? DeltaInput.latest(spark, table)
            : DeltaInput.at(spark, table, in.version());
      } catch (IllegalArgumentException e) {
        throw CliFailure.data("input." + in.format() + ": " + e.getMessage());
      }
      Dataset<Row> rows = rename(delta.read(), in);
      return new InputData(rows, delta, "Delta table " + in.location() + " at version "
          + delta.version());
    }
    checkPath(spark, in);
    DataFrameReader reader = spark.read().format(in.format());
    if (in.format().equals("csv")) {
      reader.option("inferSchema", "true");
    }
    for (Map.Entry<String, String> e : in.options().entrySet()) {
      reader.option(e.getKey(), e.getValue());
    }
    Dataset<Row> rows;
    try {
      rows = reader.load(in.location());
    } catch (RuntimeException e) {
      throw CliFailure.data("input." + in.format() + " " + in.location() + " cannot be read as "
          + in.format() + ": " + firstLine(e) + "; check the path, the format and"
          + " input.options.");
    }
    return new InputData(rename(rows, in), null, in.format().toUpperCase(
        java.util.Locale.ROOT) + " " + in.location());
  }

  private static void checkPath(SparkSession spark, StudyConfig.Input in) {
    String location = in.location();
    if (location.matches(".*[*?\\[{].*")) {
      return; // a glob: Spark resolves it
    }
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw CliFailure.data("input." + in.format() + " " + location + " does not exist;"
            + " check the path (relative paths start from " + System.getProperty("user.dir")
            + ").");
      }
    } catch (IOException e) {
      throw CliFailure.data("input." + in.format() + " " + location + " cannot be read: "
          + e.getMessage() + "; check the path and its permissions.");
    }
  }

  private static Dataset<Row> rename(Dataset<Row> rows, StudyConfig.Input in) {
    if (in.columns().isEmpty()) {
      return rows;
    }
    if (in.columns().size() != rows.columns().length) {
      throw CliFailure.data("input.columns names " + in.columns().size() + " columns but "
          + in.location() + " has " + rows.columns().length + "; name every column, in"
          + " order.");
    }
    return rows.toDF(in.columns().toArray(new String[0]));
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.split("\n")[0];
  }
}
