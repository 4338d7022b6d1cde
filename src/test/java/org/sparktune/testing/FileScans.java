package org.sparktune.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The file scans Spark ran while a piece of code ran: each scan's table, the filters it pushed
 * to the files and Spark's own "number of files read" metric, from the executed plans of every
 * query (the plans that fill a cache included). Close it to stop listening.
 */
public final class FileScans implements AutoCloseable {

  /** One scan: the files it read and the plan node's text (partition and data filters). */
  public record Scan(long files, long bytes, String node) {}

  private final SparkSession spark;
  private final List<Scan> scans = Collections.synchronizedList(new ArrayList<>());
  private final Set<SparkPlan> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final QueryExecutionListener listener = new QueryExecutionListener() {
    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      record(qe.executedPlan());
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
  };

  private FileScans(SparkSession spark) {
    this.spark = spark;
    spark.listenerManager().register(listener);
  }

  /** Starts recording the scans of {@code spark}'s queries. */
  public static FileScans record(SparkSession spark) {
    return new FileScans(spark);
  }

  /** The scans recorded so far, once every query that ran has been reported. */
  public List<Scan> scans() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not drain in 60 s", e);
    }
    synchronized (scans) {
      return List.copyOf(scans);
    }
  }

  private synchronized void record(SparkPlan plan) {
    Deque<SparkPlan> todo = new ArrayDeque<>(List.of(plan));
    while (!todo.isEmpty()) {
      SparkPlan p = todo.pop();
      if (!seen.add(p)) {
        continue;
      }
      if (p instanceof FileSourceScanExec scan) {
        scans.add(new Scan(scan.metrics().apply("numFiles").value(),
            scan.metrics().apply("filesSize").value(), scan.simpleString(1000)));
      } else if (p instanceof AdaptiveSparkPlanExec adaptive) {
        todo.push(adaptive.executedPlan());
      } else if (p instanceof QueryStageExec stage) {
        todo.push(stage.plan());
      } else if (p instanceof InMemoryTableScanExec cached) {
        todo.push(cached.relation().cachedPlan());
      }
      CollectionConverters.asJava(p.children()).forEach(todo::push);
    }
  }

  @Override
  public void close() {
    spark.listenerManager().unregister(listener);
  }
}
