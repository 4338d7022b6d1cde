package org.sparktune.study;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.SearchSpace;

/**
 * The trials of a study as DataFrames: one row a trial with one typed column a parameter, and
 * one row a rung.
 */
public final class TrialTable {

  /** Columns every table has; a dimension with one of these names gets a {@code param_} prefix. */
  private static final List<String> FIXED = List.of("trial", "status", "metric", "metricStd",
      "foldMetrics", "budget", "iterations", "rungs", "seed", "startTime", "endTime",
      "durationSeconds", "error", "provenance");

  private TrialTable() {}

  /** One row a trial; see {@code TunedModel.trials()} for the columns. */
  public static Dataset<Row> toDataFrame(SparkSession spark, SearchSpace space, List<Trial> trials,
      Map<String, String> provenance) {
    List<Dimension> dims = space.dimensions();
    List<StructField> fields = new ArrayList<>();
    fields.add(field("trial", DataTypes.IntegerType, false));
    fields.add(field("status", DataTypes.StringType, false));
    for (Dimension d : dims) {
      fields.add(field(columnName(d.name()), typeOf(d), true));
    }
    fields.add(field("metric", DataTypes.DoubleType, true));
    fields.add(field("metricStd", DataTypes.DoubleType, true));
    fields.add(field("foldMetrics", DataTypes.createArrayType(DataTypes.DoubleType), false));
    fields.add(field("budget", DataTypes.DoubleType, true));
    fields.add(field("iterations", DataTypes.IntegerType, true));
    fields.add(field("rungs", DataTypes.IntegerType, false));
    fields.add(field("seed", DataTypes.LongType, false));
    fields.add(field("startTime", DataTypes.TimestampType, true));
    fields.add(field("endTime", DataTypes.TimestampType, true));
    fields.add(field("durationSeconds", DataTypes.DoubleType, true));
    fields.add(field("error", DataTypes.StringType, true));
    fields.add(field("provenance",
        DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false));
    List<Row> rows = new ArrayList<>();
    for (Trial t : trials) {
      List<Object> values = new ArrayList<>();
      values.add(t.number());
      values.add(t.state().name());
      for (Dimension d : dims) {
        Object v = t.params().get(d.name());
        values.add(v instanceof Long l && d.distribution() instanceof FloatRange
            ? l.doubleValue() : v);
      }
      values.add(Double.isNaN(t.value()) ? null : t.value());
      values.add(t.foldMetrics().isEmpty() ? null : t.foldStd());
      values.add(scala.jdk.javaapi.CollectionConverters.asScala(t.foldMetrics()).toSeq());
      values.add(Double.isNaN(t.budget()) ? null : t.budget());
      values.add(t.iterations());
      values.add(t.rungs().size());
      values.add(t.seed());
      values.add(t.start() == null ? null : Timestamp.from(t.start()));
      values.add(t.end() == null ? null : Timestamp.from(t.end()));
      values.add(t.start() == null || t.end() == null ? null
          : (t.end().toEpochMilli() - t.start().toEpochMilli()) / 1000.0);
      values.add(t.error());
      values.add(scala.jdk.javaapi.CollectionConverters.asScala(provenance));
      rows.add(RowFactory.create(values.toArray()));
    }
    return spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
  }

  /**
   * One row per rung of every trial: trial, rung, budget, iterations, partial, metric,
   * foldMetrics, times.
   */
  public static Dataset<Row> rungsDataFrame(SparkSession spark, List<Trial> trials) {
    StructType schema = new StructType(new StructField[] {
        field("trial", DataTypes.IntegerType, false),
        field("rung", DataTypes.IntegerType, false),
        field("budget", DataTypes.DoubleType, false),
        field("iterations", DataTypes.IntegerType, true),
        field("partial", DataTypes.BooleanType, false),
        field("metric", DataTypes.DoubleType, true),
        field("foldMetrics", DataTypes.createArrayType(DataTypes.DoubleType), false),
        field("startTime", DataTypes.TimestampType, true),
        field("endTime", DataTypes.TimestampType, true),
        field("durationSeconds", DataTypes.DoubleType, true)});
    List<Row> rows = new ArrayList<>();
    for (Trial t : trials) {
      for (Rung r : t.rungs()) {
        rows.add(RowFactory.create(t.number(), r.rung(), r.budget(), r.iterations(),
            r.partial(),
            Double.isNaN(r.value()) ? null : r.value(),
            scala.jdk.javaapi.CollectionConverters.asScala(r.foldValues()).toSeq(),
            r.start() == null ? null : Timestamp.from(r.start()),
            r.end() == null ? null : Timestamp.from(r.end()),
            Double.isNaN(r.seconds()) ? null : r.seconds()));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The column of a dimension: its name, prefixed when it clashes with a fixed column. */
  private static String columnName(String dimension) {
    return FIXED.contains(dimension) ? "param_" + dimension : dimension;
  }

  private static DataType typeOf(Dimension d) {
    if (d.distribution() instanceof FloatRange) {
      return DataTypes.DoubleType;
    }
    if (d.distribution() instanceof Categorical c) {
      Object first = c.choices().get(0);
      if (first instanceof String) {
        return DataTypes.StringType;
      }
      if (first instanceof Boolean) {
        return DataTypes.BooleanType;
      }
      if (first instanceof Double) {
        return DataTypes.DoubleType;
      }
    }
    return DataTypes.LongType;
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return new StructField(name, type, nullable, Metadata.empty());
  }
}
