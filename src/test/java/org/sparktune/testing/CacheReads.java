package org.sparktune.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.RDDInfo;
import scala.jdk.javaapi.CollectionConverters;

/** What Spark itself reports about cached data: rows a read took from it, RDDs kept. */
public final class CacheReads {

  private CacheReads() {}

  /**
   * Collects {@code data} and returns the rows its in-memory table scans output: Spark's own
   * "number of output rows" of each scan, the rows of the cached batches it did not skip. Runs
   * a fresh plan each time, as a plan's metrics add up over its runs.
   */
  public static long rowsRead(Dataset<Row> data) {
    Dataset<Row> fresh = data.select(functions.col("*"));
    fresh.collectAsList();
    List<InMemoryTableScanExec> scans = scans(fresh.queryExecution().executedPlan());
    if (scans.isEmpty()) {
      throw new AssertionError("the read does not scan a cache: "
          + fresh.queryExecution().executedPlan());
    }
    long rows = 0;
    for (InMemoryTableScanExec scan : scans) {
      rows += scan.metrics().apply("numOutputRows").value();
    }
    return rows;
  }

  /**
   * The bytes Spark's storage status gives each cached RDD of the shared session (memory plus
   * disk), by RDD id.
   */
  public static Map<Integer, Long> storedBytes() {
    SparkContext sc = SparkTestSession.get().sparkContext();
    // The storage info is read from the status store, which the listener bus fills after the
    // job: a block stored by the last task may not be in it yet. Drain the bus first.
    try {
      sc.listenerBus().waitUntilEmpty(60_000);
    } catch (TimeoutException e) {
      throw new AssertionError("the listener bus did not drain in 60 s", e);
    }
    Map<Integer, Long> out = new TreeMap<>();
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      out.put(info.id(), info.memSize() + info.diskSize());
    }
    return out;
  }

  /** How many RDDs the shared session's SparkContext holds persisted. */
  public static int persistentRdds() {
    return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext())
        .getPersistentRDDs().size();
  }

  private static List<InMemoryTableScanExec> scans(SparkPlan plan) {
    List<InMemoryTableScanExec> out = new ArrayList<>();
    Deque<SparkPlan> todo = new ArrayDeque<>(List.of(plan));
    while (!todo.isEmpty()) {
      SparkPlan p = todo.pop();
      if (p instanceof InMemoryTableScanExec scan) {
        out.add(scan);
      } else if (p instanceof AdaptiveSparkPlanExec adaptive) {
        todo.push(adaptive.executedPlan());
      } else if (p instanceof QueryStageExec stage) {
        todo.push(stage.plan());
      }
      CollectionConverters.asJava(p.children()).forEach(todo::push);
    }
    return out;
  }
}
