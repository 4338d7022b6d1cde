package org.sparktune.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkFirehoseListener;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.execution.SparkPlanInfo;
import org.apache.spark.sql.execution.metric.SQLMetricInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a run cost on the executors, as the listener bus reports it: the executor run time and
 * CPU time of every task, and the rows read from cached data, all by the data fraction of the
 * rung the task's job belonged to.
 *
 * <p>Rows read: Spark's own "number of output rows" metric of each in-memory table scan (the
 * rows of the cached batches a read did not skip), summed over the tasks' metric updates. The
 * scans' metric ids come from the plans of SQL executions ({@code SparkListenerSQLExecutionStart}
 * and its adaptive updates); reads of MLlib's own cached RDDs (a forest's binned input) are not
 * in-memory table scans and do not count. A job belongs to the rung named in its description:
 * sparktune describes each fold fit as {@code "sparktune trial N rung K (data fraction F) fold
 * ..."} (F is 1.0 on all the data; under the Iterations fidelity no fraction is named), and
 * its refit as
 * {@code "sparktune refit ..."}; these give the labels {@code "F"}, {@code "1.0"} and {@code
 * "refit"}, and every other job (CrossValidator's, the split's read of the input) {@code
 * "other"}.
 *
 * <p>Callbacks run on the listener bus thread; the other methods on the caller's; all share one
 * lock. Call {@link #awaitQuiet} before reading a window's totals.
 */
final class RungCosts extends SparkFirehoseListener {

  private static final Pattern FRACTION = Pattern.compile("\\(data fraction ([0-9.Ee-]+)\\)");
  private static final String SCAN = "InMemoryTableScan";
  private static final String ROWS = "number of output rows";

  /** One label's totals. */
  static final class Cost {
    long rowsRead;
    long executorMillis;
    long cpuNanos;
    long tasks;

    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rowsRead", rowsRead);
      out.put("executorSeconds", executorMillis / 1000.0);
      out.put("cpuSeconds", cpuNanos / 1e9);
      out.put("tasks", tasks);
      return out;
    }
  }

  private final Set<Long> scanRowMetrics = new HashSet<>();
  private final Map<Integer, String> stageLabels = new HashMap<>();
  private Map<String, Cost> costs = new TreeMap<>();
  private volatile long lastEvent = System.nanoTime();

  @Override
  public synchronized void onEvent(SparkListenerEvent event) {
    lastEvent = System.nanoTime();
    if (event instanceof SparkListenerSQLExecutionStart start) {
      collectScans(start.sparkPlanInfo());
    } else if (event instanceof SparkListenerSQLAdaptiveExecutionUpdate update) {
      collectScans(update.sparkPlanInfo());
    } else if (event instanceof SparkListenerJobStart job) {
      String label = label(job.properties() == null ? null
          : job.properties().getProperty("spark.job.description"));
      for (Object id : CollectionConverters.asJava(job.stageIds())) {
        stageLabels.putIfAbsent((Integer) id, label);
      }
    } else if (event instanceof SparkListenerTaskEnd task) {
      Cost cost = costs.computeIfAbsent(stageLabels.getOrDefault(task.stageId(), "other"),
          k -> new Cost());
      cost.tasks++;
      if (task.taskMetrics() != null) {
        cost.executorMillis += task.taskMetrics().executorRunTime();
        cost.cpuNanos += task.taskMetrics().executorCpuTime();
      }
      for (AccumulableInfo acc : CollectionConverters.asJava(task.taskInfo().accumulables())) {
        if (scanRowMetrics.contains(acc.id()) && acc.update().isDefined()
            && acc.update().get() instanceof Long rows) {
          cost.rowsRead += rows;
        }
      }
    }
  }

  private void collectScans(SparkPlanInfo root) {
    Deque<SparkPlanInfo> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      SparkPlanInfo node = todo.pop();
      if (node.nodeName().equals(SCAN)) {
        for (SQLMetricInfo m : CollectionConverters.asJava(node.metrics())) {
          if (m.name().equals(ROWS)) {
            scanRowMetrics.add(m.accumulatorId());
          }
        }
      }
      CollectionConverters.asJava(node.children()).forEach(todo::push);
    }
  }

  /** The label of a job described {@code description}; see the class doc. */
  static String label(String description) {
    if (description == null || !description.startsWith("sparktune ")) {
      return "other";
    }
    if (description.startsWith("sparktune refit")) {
      return "refit";
    }
    Matcher m = FRACTION.matcher(description);
    return m.find() ? Double.toString(Double.parseDouble(m.group(1))) : "1.0";
  }

  /** Starts a window: the totals so far are dropped. */
  synchronized void begin() {
    costs = new TreeMap<>();
  }

  /** The window's totals by label, as plain maps; call after {@link #awaitQuiet}. */
  synchronized Map<String, Map<String, Object>> byLabel() {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    costs.forEach((label, cost) -> out.put(label, cost.toMap()));
    return out;
  }

  /**
   * The window's executor CPU time over every task, in seconds: what the work cost whatever
   * else ran on the machine, where run time also counts the waits of a busy machine.
   */
  synchronized double cpuSeconds() {
    return costs.values().stream().mapToLong(c -> c.cpuNanos).sum() / 1e9;
  }

  /** The window's executor run time over every task, in seconds. */
  synchronized double executorSeconds() {
    return costs.values().stream().mapToLong(c -> c.executorMillis).sum() / 1000.0;
  }

  /** Waits until the bus has been quiet for {@code quietMillis} (at most 60 s). */
  void awaitQuiet(long quietMillis) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long quiet = quietMillis * 1_000_000;
    while (System.nanoTime() - lastEvent < quiet && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
