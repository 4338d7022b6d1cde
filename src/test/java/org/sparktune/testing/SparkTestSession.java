package org.sparktune.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession every test in this JVM shares: {@code local[2]}, UI off, few shuffle
 * partitions, FAIR scheduling (so concurrent trials share executors as they do on a cluster) and
 * the Delta extension configured once, with Delta's snapshot state in 2 partitions rather than
 * 50 (a study log is a small table; its reads and commits are most of a test's Delta time).
 * Adaptive query execution is off: on the tests' small data its re-planning after each shuffle
 * stage costs more than it saves (test classes ran about a sixth faster without it). The job's
 * own session ({@code cli.Sessions}), which the cluster test's drivers start, keeps Spark's
 * default.
 */
public final class SparkTestSession {

  private static SparkSession session;

  private SparkTestSession() {}

  /** Returns the shared session, creating it on first use. */
  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("sparktune-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "2")
          .config("spark.scheduler.mode", "FAIR")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog",
              "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.sql.warehouse.dir",
              System.getProperty("java.io.tmpdir") + "/sparktune-test-warehouse")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
