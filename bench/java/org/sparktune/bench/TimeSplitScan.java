package org.sparktune.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sparktune.delta.DeltaInput;
import org.sparktune.split.Folds;
import org.sparktune.split.TimeBasedSplit;
import org.sparktune.testing.FileScans;

/**
 * What a time split reads of a Delta table partitioned by day, against a full scan: the files
 * and bytes of each fold's training and validation windows (the files Spark lists for the
 * window's filter), and the files and bytes the split itself read (Spark's own scan metrics
 * while it ran), with the split's wall time and the bytes it cached.
 *
 * <pre>
 * bench/run-timesplit.sh --rows 10950000 --days 365 --table /tmp/sparktune-bench/events \
 *     --json bench/results/timesplit_10m.json
 * </pre>
 *
 * <p>The table is written once if the path holds none: {@code rows} rows spread evenly over
 * {@code days} days from 2023-01-01, one file a day, an id, the day, six seeded uniform features
 * and a label. Two splits, 5 folds each, 30-day horizons and a 1-day gap: a sliding 90-day
 * training window and an expanding one.
 */
public final class TimeSplitScan {

  private TimeSplitScan() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = Bench.options(args);
    long rows = Long.parseLong(options.getOrDefault("rows", "10950000"));
    int days = Integer.parseInt(options.getOrDefault("days", "365"));
    String table = options.getOrDefault("table", "/tmp/sparktune-bench/events_by_day");
    String json = options.getOrDefault("json", "bench/out/timesplit.json");
    SparkSession spark = Bench.deltaSession();
    FileSystem fs = new Path(table).getFileSystem(spark.sparkContext().hadoopConfiguration());
    Map<String, Object> out = new LinkedHashMap<>();
    if (!fs.exists(new Path(table, "_delta_log"))) {
      long start = System.nanoTime();
      Dataset<Row> data = spark.range(0, rows, 1, 16)
          .withColumn("day", functions.expr("date_add(DATE'2023-01-01', CAST(id % " + days
              + " AS INT))"));
      for (int f = 0; f < 6; f++) {
        data = data.withColumn("x" + f, functions.rand(f));
      }
      data = data.withColumn("label", functions.expr("CAST(x0 + x1 * x2 > 0.75 AS DOUBLE)"));
      data.repartition(functions.col("day")).write().format("delta").partitionBy("day")
          .save(table);
      out.put("writeSeconds", (System.nanoTime() - start) / 1e9);
    }
    DeltaInput input = DeltaInput.latest(spark, table);
    Dataset<Row> data = input.read();
    out.put("table", table);
    out.put("rows", data.count());
    Map<String, Object> full = files(fs, data);
    out.put("fullScan", full);
    System.out.println("full scan: " + full);
    List<Map<String, Object>> splits = new ArrayList<>();
    for (String window : List.of("90d", TimeBasedSplit.EXPANDING)) {
      TimeBasedSplit split = new TimeBasedSplit().setTimeCol("day").setNumFolds(5)
          .setHorizon("30d").setGap("1d").setTrainWindow(window);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("splitter", split.toString());
      List<Map<String, Object>> folds = new ArrayList<>();
      for (TimeBasedSplit.Window w : split.windows(data)) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("fold", w.fold());
        f.put("train", "[" + w.trainStart() + ", " + w.trainEnd() + ")");
        f.put("validation", "[" + w.validationStart() + ", " + w.validationEnd() + ")");
        f.put("trainFiles", files(fs, data.where(w.train())));
        f.put("validationFiles", files(fs, data.where(w.validation())));
        folds.add(f);
        System.out.println(split.getTrainWindow() + " " + f);
      }
      s.put("folds", folds);
      try (FileScans scans = FileScans.record(spark)) {
        long start = System.nanoTime();
        try (Folds cached = split.split(data, 7)) {
          s.put("splitSeconds", (System.nanoTime() - start) / 1e9);
          s.put("cachedBytes", cached.cachedBytes());
          long trainRows = 0;
          for (int i = 0; i < cached.numFolds(); i++) {
            trainRows += cached.train(i, 1.0).count();
          }
          s.put("trainRowsOverFolds", trainRows);
        }
        List<Map<String, Object>> read = new ArrayList<>();
        for (FileScans.Scan scan : scans.scans()) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("files", scan.files());
          r.put("bytes", scan.bytes());
          r.put("node", scan.node().length() > 400 ? scan.node().substring(0, 400)
              : scan.node());
          read.add(r);
        }
        s.put("scansWhileSplitting", read);
      }
      System.out.println(s.get("splitter") + " split " + s.get("splitSeconds") + " s, cached "
          + s.get("cachedBytes") + " B");
      splits.add(s);
    }
    out.put("splits", splits);
    Bench.writeJson(json, out);
  }

  /** The files a read of {@code rows} lists, and their bytes. */
  private static Map<String, Object> files(FileSystem fs, Dataset<Row> rows) throws IOException {
    long bytes = 0;
    String[] files = rows.inputFiles();
    for (String file : files) {
      bytes += fs.getFileStatus(new Path(file)).getLen();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("files", files.length);
    out.put("bytes", bytes);
    return out;
  }
}
