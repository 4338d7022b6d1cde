package org.sparktune.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparktune.HyperparameterSearch;
import org.sparktune.schedule.Asha;
import org.sparktune.search.RandomSampler;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.KFold;

/**
 * A driver a test can kill or run beside another: runs {@link #search} (or, with a third
 * argument, {@link #sharedSearch} once that file exists) on {@link #data} with the study log
 * given as its first argument and maxTrials as its second, then exits. The test resumes the same
 * study in its own JVM with the same setup.
 */
public final class StudyLogChild {

  private StudyLogChild() {}

  /** 4,000 Adult rows, numeric features and the label. */
  public static Dataset<Row> data() {
    List<String> columns = new ArrayList<>(List.of(TestData.ADULT_NUMERIC));
    columns.add("label");
    return TestData.adult().limit(4000).selectExpr(columns.toArray(new String[0]));
  }

  /** The study: a logistic regression over regParam, 2 folds, one trial at a time. */
  public static HyperparameterSearch search(String log, int maxTrials) {
    LogisticRegression lr = new LogisticRegression().setMaxIter(40);
    return new HyperparameterSearch().setEstimator(pipeline(lr))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0))
        .setSampler(new RandomSampler()).setSplitter(new KFold().setNumFolds(2))
        .setMaxTrials(maxTrials).setParallelism(1).setSeed(21).setStudyName("nightly")
        .setRefit(false).setStudyLog(log);
  }

  /**
   * The study two drivers share: TPE over regParam and elasticNetParam, scheduled by ASHA over
   * data fractions 1/4, 1/2 and 1, 2 folds, two trials at a time; 5 iterations a fit.
   */
  public static HyperparameterSearch sharedSearch(String log, int maxTrials) {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    return new HyperparameterSearch().setEstimator(pipeline(lr))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0)
            .uniform(lr.elasticNetParam(), 0.0, 1.0))
        .setSampler(new TpeSampler().setStartupTrials(3))
        .setScheduler(new Asha().setMinFraction(0.25))
        .setSplitter(new KFold().setNumFolds(2))
        .setMaxTrials(maxTrials).setParallelism(2).setSeed(5).setStudyName("shared")
        .setRefit(false).setStudyLog(log);
  }

  /**
   * Starts this class's {@link #main} in a new JVM with this JVM's classpath and module
   * options, its console to {@code out}; {@code lease}, when not null, is its study log lease.
   */
  public static Process start(java.nio.file.Path out, String lease, String... args)
      throws java.io.IOException {
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
    command.add("-Xmx1g");
    if (lease != null) {
      command.add("-D" + org.sparktune.delta.DeltaStudyLog.LEASE_CONF + "=" + lease);
    }
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean()
        .getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognized")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        StudyLogChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
        .start();
  }

  /** The numeric Adult columns assembled into features, then {@code lr}. */
  private static Pipeline pipeline(LogisticRegression lr) {
    PipelineStage[] stages = {
        new VectorAssembler().setInputCols(TestData.ADULT_NUMERIC).setOutputCol("features"),
        lr};
    return new Pipeline().setStages(stages);
  }

  /**
   * Waits up to 5 s for an event of {@code watch} and takes it, resetting its key so that the
   * next event wakes the next wait.
   */
  public static void awaitEvent(java.nio.file.WatchService watch) throws InterruptedException {
    java.nio.file.WatchKey key = watch.poll(5, java.util.concurrent.TimeUnit.SECONDS);
    if (key != null) {
      key.pollEvents();
      key.reset();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 2) {
      Dataset<Row> data = data().cache();
      data.count();
      // Ready: wait for the test's go, so that both drivers start their studies together.
      java.nio.file.Path go = java.nio.file.Path.of(args[2]);
      java.nio.file.Files.createFile(java.nio.file.Path.of(args[2] + "." + ProcessHandle
          .current().pid() + ".ready"));
      try (java.nio.file.WatchService watch = go.getFileSystem().newWatchService()) {
        go.getParent().register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
        while (!java.nio.file.Files.exists(go)) {
          awaitEvent(watch);
        }
      }
      // The study's best as this run's TunedModel reports it, for the test to compare.
      System.out.println("best trial " + sharedSearch(args[0], Integer.parseInt(args[1]))
          .fit(data).bestTrial().number());
    } else {
      search(args[0], Integer.parseInt(args[1])).fit(data());
    }
    SparkTestSession.get().stop();
  }
}
