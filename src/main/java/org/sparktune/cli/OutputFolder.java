package org.sparktune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparktune.TunedModel;

/**
 * A study's output folder: {@code model/} (the tuned model, MLlib format, loadable with {@code
 * TunedModel.load}), {@code trials.<format>} (one row a trial, written by Spark), {@code
 * report.html} (the study's report) and the file
 * {@value #OWNER} naming the study the folder belongs to. A folder of another study, or a
 * non-empty folder of no study, is refused before any training (exit code 2).
 *
 * @param fs its file system
 * @param dir the folder
 * @param trialsFormat csv, parquet or json
 */
record OutputFolder(FileSystem fs, Path dir, String trialsFormat) {

  /** The file that names the study owning the folder. */
  static final String OWNER = "_sparktune_study";

  /** The configured folder, checked to be free or this study's; null when none is set. */
  static OutputFolder check(SparkSession spark, StudyConfig config) {
    StudyConfig.Outputs outputs = config.outputs();
    if (outputs == null) {
      return null;
    }
    Path dir = new Path(outputs.dir());
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      OutputFolder folder = new OutputFolder(fs, dir, outputs.trialsFormat());
      if (!fs.exists(dir)) {
        return folder;
      }
      if (!fs.getFileStatus(dir).isDirectory()) {
        throw CliFailure.config("outputs.dir " + dir + " is a file; give a folder for the"
            + " study's model and trials.");
      }
      Path owner = new Path(dir, OWNER);
      if (fs.exists(owner)) {
        String study = read(fs, owner);
        if (!study.equals(config.study())) {
          throw CliFailure.config("outputs.dir " + dir + " belongs to study '" + study
              + "', not '" + config.study() + "'; give this study its own outputs.dir, or set"
              + " study: " + study + " to run that study again.");
        }
      } else if (fs.listStatus(dir).length > 0) {
        throw CliFailure.config("outputs.dir " + dir + " holds files of no sparktune study;"
            + " give a new or empty folder, so nothing of yours is overwritten.");
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check outputs.dir " + dir, e);
    }
  }

  /** Marks the folder as the study's, before training. */
  void claim(String study) {
    try {
      fs.mkdirs(dir);
      try (FSDataOutputStream out = fs.create(new Path(dir, OWNER), true)) {
        out.write((study + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + new Path(dir, OWNER), e);
    }
  }

  Path model() {
    return new Path(dir, "model");
  }

  Path trials() {
    return new Path(dir, "trials." + trialsFormat);
  }

  Path report() {
    return new Path(dir, "report.html");
  }

  /** Writes {@code text} to the file {@code file}, on whichever file system holds it. */
  static void writeText(FileSystem fs, Path file, String text) {
    try {
      if (fs.exists(file) && fs.getFileStatus(file).isDirectory()) {
        throw CliFailure.config(file + " is a folder; give the path of a file to write.");
      }
      try (FSDataOutputStream out = fs.create(file, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes the model and its trials; returns nothing, the paths are {@link #model}, etc. */
  void write(TunedModel model) {
    try {
      model.write().overwrite().save(model().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to " + model(), e);
    }
    Dataset<Row> trials = model.trials();
    if (trialsFormat.equals("csv")) {
      trials = flat(trials);
    }
    trials.coalesce(1).write().mode("overwrite").option("header", "true")
        .format(trialsFormat).save(trials().toString());
    writeText(fs, report(), model.reportHtml());
  }

  /** The trials as written, read back. */
  Dataset<Row> readTrials(SparkSession spark) {
    return spark.read().option("header", "true").option("inferSchema", "true")
        .format(trialsFormat).load(trials().toString());
  }

  /** Lists and maps as JSON text, which CSV can hold. */
  private static Dataset<Row> flat(Dataset<Row> rows) {
    StructType schema = rows.schema();
    Column[] columns = new Column[schema.fields().length];
    for (int i = 0; i < columns.length; i++) {
      StructField f = schema.fields()[i];
      Column c = functions.col(f.name());
      columns[i] = f.dataType() instanceof ArrayType || f.dataType() instanceof MapType
          || f.dataType() instanceof StructType ? functions.to_json(c).as(f.name()) : c;
    }
    return rows.select(columns);
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (FSDataInputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
