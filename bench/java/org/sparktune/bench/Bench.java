package org.sparktune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** What every benchmark shares: its options, its session, medians and the JSON it writes. */
final class Bench {

  private Bench() {}

  /** {@code --option value} pairs of a benchmark's command line. */
  static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got "
            + Arrays.toString(args));
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }

  /** The benchmarks' session: local[2], FAIR scheduling, UI off, quiet. */
  static SparkSession session() {
    return session(Map.of());
  }

  /** {@link #session} with {@code conf} set too. */
  static SparkSession session(Map<String, String> conf) {
    SparkSession.Builder builder = SparkSession.builder().master("local[2]")
        .appName("sparktune-bench").config("spark.ui.enabled", "false")
        .config("spark.scheduler.mode", "FAIR").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
    conf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    return spark;
  }

  /** {@link #session} with Delta Lake's SQL extension and catalog. */
  static SparkSession deltaSession() {
    return session(Map.of("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog"));
  }

  /** The median of {@code values} (the mean of the middle two for an even count). */
  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Writes {@code value} as indented JSON to {@code path}. */
  static void writeJson(String path, Object value) throws IOException {
    File file = new File(path);
    if (file.getParentFile() != null) {
      file.getParentFile().mkdirs();
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file, value);
  }
}
