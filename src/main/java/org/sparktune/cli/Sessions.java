package org.sparktune.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession. Under spark-submit, the submitted master and conf; run directly (no
 * {@code spark.master}), an embedded {@code local[*]} Spark with its UI off and Delta's snapshot
 * state in 4 partitions. Either way, the
 * Delta extension and catalog are added when Delta is on the classpath and the conf does not
 * name others, so a local run reads and writes Delta tables as a cluster does.
 */
final class Sessions {

  private Sessions() {}

  static SparkSession get() {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName("sparktune");
    if (!conf.contains("spark.master")) {
      builder.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
      // A local study log or input table is small: Delta's snapshot state in as many partitions
      // as the shuffles rather than its default 50 tasks on each read and commit.
      if (!conf.contains("spark.databricks.delta.snapshotPartitions")) {
        builder.config("spark.databricks.delta.snapshotPartitions", "4");
      }
    }
    if (!conf.contains("spark.scheduler.mode")) {
      builder.config("spark.scheduler.mode", "FAIR");
    }
    if (delta() && !conf.contains("spark.sql.extensions")) {
      builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    }
    if (delta() && !conf.contains("spark.sql.catalog.spark_catalog")) {
      builder.config("spark.sql.catalog.spark_catalog",
          "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }
    return builder.getOrCreate();
  }

  private static boolean delta() {
    try {
      Class.forName("io.delta.sql.DeltaSparkSessionExtension", false,
          Sessions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
