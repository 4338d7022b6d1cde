package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.testing.ChildJvm;
import org.sparktune.testing.StandaloneCluster;
import org.sparktune.testing.TaskExecutorLog;

/**
 * The cluster test: a Spark standalone Master and two Workers as separate JVMs on 127.0.0.1,
 * a study submitted to them through {@code spark-submit/sparktune-submit} (its SPARK_HOME's
 * bin/spark-submit runs Spark's SparkSubmit from the test classpath, client mode), compared
 * with the same study run locally; then the same study with one executor JVM killed midway.
 */
@Tag("cluster")
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {

  private static final int MAX_TRIALS = 4;
  private static final int PARALLELISM = 2;
  private static final int JOB_MINUTES = 10;

  @TempDir
  static Path dir;

  private static StandaloneCluster cluster;
  private static Path config;
  private static Path jar;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static List<Map<String, Object>> local;
  private static Process localJob;

  @BeforeAll
  static void startCluster() throws Exception {
    // 4,000 Adult rows, its numeric columns and the label: real fits, small for a busy machine.
    Path data = dir.resolve("adult-numeric.csv");
    try (Stream<String> lines = Files.lines(Path.of("test-data", "adult", "adult.data"))) {
      Files.write(data, lines.filter(l -> !l.isBlank()).limit(4000).map(l -> {
        String[] f = l.split(",");
        return String.join(",", f[0], f[2], f[4], f[10], f[11], f[12], f[14]);
      }).toList());
    }
    config = dir.resolve("study.yaml");
    Files.writeString(config, """
        study: cluster-test
        input:
          csv: %s
          options: {header: false, ignoreLeadingWhiteSpace: true}
          columns: [age, fnlwgt, education_num, capital_gain, capital_loss, hours_per_week,
                    income]
        label: income
        features:
          numeric: [age, fnlwgt, education_num, capital_gain, capital_loss, hours_per_week]
        estimator:
          class: LogisticRegression
          params: {maxIter: 5}
        evaluator:
          metric: areaUnderROC
        space:
          dimensions:
            - {name: regParam, param: model.regParam, type: float, low: 0.0001, high: 1.0,
               log: true}
            - {name: elasticNetParam, param: model.elasticNetParam, type: float, low: 0.0,
               high: 1.0}
        sampler: {name: random}
        splitter: {name: kFold, numFolds: 2}
        budget:
          maxTrials: %d
          parallelism: %d
          seed: 11
        outputs:
          dir: %s
          trialsFormat: json
        """.formatted(data.toAbsolutePath(), MAX_TRIALS, PARALLELISM, dir.resolve("out")));
    // The local run the cluster's trials are compared with starts now, beside the cluster's
    // start and the first submission: most of either is JVMs starting and waiting.
    localJob = startLocalRun();
    jar = thinJar(dir.resolve("sparktune.jar"));
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    fakeSparkSubmit(cluster.sparkHome());
  }

  @AfterAll
  static void stopCluster() {
    if (localJob != null && localJob.isAlive()) {
      ChildJvm.kill(localJob.toHandle());
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The project's classes as the jar spark-submit ships. */
  private static Path thinJar(Path jarFile) throws IOException {
    Path classes = Path.of("target", "classes");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarFile));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jarFile;
  }

  /** SPARK_HOME/bin/spark-submit: Spark's SparkSubmit run from the test classpath. */
  private static void fakeSparkSubmit(Path sparkHome) throws IOException {
    List<String> java = ChildJvm.java("1g");
    java.addAll(List.of("-cp", ChildJvm.classPath(), "org.apache.spark.deploy.SparkSubmit"));
    Path bin = Files.createDirectories(sparkHome.resolve("bin"));
    Path script = bin.resolve("spark-submit");
    Files.writeString(script, "#!/bin/sh\nexec " + java.stream().map(a -> "'" + a + "'")
        .collect(Collectors.joining(" ")) + " \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Starts the study on the cluster through sparktune-submit, printing to {@code out}. */
  private static Process submit(Path taskLog, Path out, Path outputs) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of("spark-submit", "sparktune-submit").toAbsolutePath().toString(),
        "--master", cluster.masterUrl(), "--deploy-mode", "client",
        "--conf", cluster.executorClassPathConf(),
        "--conf", "spark.extraListeners=" + TaskExecutorLog.class.getName(),
        "--conf", TaskExecutorLog.FILE_CONF + "=" + taskLog,
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.ui.enabled=false",
        // As the local run: 4 shuffle partitions, 2 cores.
        "--conf", "spark.sql.shuffle.partitions=4",
        "--", "tune", "--config", config.toString(), "--set", "outputs.dir=" + outputs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(Path.of(out + ".err").toFile());
    builder.environment().put("SPARK_HOME", cluster.sparkHome().toString());
    builder.environment().put("SPARKTUNE_JAR", jar.toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  /**
   * Waits for the job to end; returns its output, asserting exit code 0. The bound is for a
   * hung job only; on a busy 2-core machine a run takes several minutes.
   */
  private static String finish(Process job, Path out) throws Exception {
    try {
      assertTrue(job.waitFor(JOB_MINUTES, TimeUnit.MINUTES),
          "the job did not end in " + JOB_MINUTES + " minutes: " + read(Path.of(out + ".err")));
      assertEquals(0, job.exitValue(), () -> "the job failed: " + read(Path.of(out + ".err")));
      return Files.readString(out, StandardCharsets.ISO_8859_1);
    } finally {
      ChildJvm.kill(job.toHandle());
    }
  }

  /** The last 4,000 characters of {@code file}, for a failure's message. */
  private static String read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      return text.substring(Math.max(0, text.length() - 4000));
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }

  /** Starts the same study as the job on an embedded local Spark, in a JVM of its own. */
  private static Process startLocalRun() throws IOException {
    List<String> command = ChildJvm.java("2g");
    command.addAll(List.of("-cp", ChildJvm.classPath(), Main.class.getName(), "tune",
        "--config", config.toString(), "--set", "outputs.dir=" + dir.resolve("out-local")));
    Path out = dir.resolve("local.out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(Path.of(out + ".err").toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  /** The trials of the local run started before the cluster, by trial number. */
  private static synchronized List<Map<String, Object>> localRun() throws Exception {
    if (local == null) {
      finish(localJob, dir.resolve("local.out"));
      local = trials(dir.resolve("out-local"));
    }
    return local;
  }

  /**
   * The trials the job wrote to {@code outputs} (trials.json), by trial number, without the
   * columns that differ between runs (times, provenance).
   */
  private static List<Map<String, Object>> trials(Path outputs) throws IOException {
    Map<Integer, Map<String, Object>> sorted = new TreeMap<>();
    int rows = 0;
    try (Stream<Path> parts = Files.list(outputs.resolve("trials.json"))) {
      for (Path part : parts.filter(f -> f.getFileName().toString().startsWith("part-"))
          .toList()) {
        for (String line : Files.readAllLines(part)) {
          Map<String, Object> row = JSON.readValue(line, new TypeReference<>() {});
          row.keySet().removeAll(List.of("startTime", "endTime", "durationSeconds",
              "provenance"));
          sorted.put(((Number) row.get("trial")).intValue(), row);
          rows++;
        }
      }
    }
    assertEquals(rows, sorted.size(), "a trial number written twice: " + sorted);
    return new ArrayList<>(sorted.values());
  }

  /** The executors (id to tasks) where tasks of trials ended successfully, from the log. */
  private static Map<String, Integer> tasksByExecutor(Path taskLog) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    for (String line : Files.readAllLines(taskLog)) {
      String[] f = line.split(" ");
      if (f.length == 4 && f[0].equals("task") && f[3].equals("true")) {
        out.merge(f[2], 1, Integer::sum);
      }
    }
    return out;
  }

  @Test
  void aStudySubmittedToTheClusterRunsOnBothExecutorsAndMatchesALocalRun() throws Exception {
    Path taskLog = dir.resolve("tasks-1.log");
    Path out = dir.resolve("cluster-1.out");
    Path outputs = dir.resolve("out-cluster-1");
    finish(submit(taskLog, out, outputs), out);
    List<Map<String, Object>> trials = trials(outputs);

    Map<String, Integer> executors = tasksByExecutor(taskLog);
    assertEquals(Set.of("0", "1"), executors.keySet(),
        "the trials' tasks ran on both executors: " + executors);
    assertEquals(MAX_TRIALS, trials.size(), trials.toString());
    assertEquals(localRun(), trials, "the cluster's trials are the local run's");
  }

  @Test
  void aStudyLosingAnExecutorMidwayFinishesEveryTrialOnce() throws Exception {
    Path taskLog = dir.resolve("tasks-2.log");
    Path out = dir.resolve("cluster-2.out");
    Path outputs = dir.resolve("out-cluster-2");
    Process job = submit(taskLog, out, outputs);
    String killed = null;
    try {
      // Once a task of trial PARALLELISM has ended, a trial before it has finished: kill the
      // executor that ran the latest task.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(JOB_MINUTES);
      while (killed == null) {
        assertTrue(System.nanoTime() < deadline, "no task of trial " + PARALLELISM + " in "
            + JOB_MINUTES + " minutes");
        assertTrue(!job.waitFor(200, TimeUnit.MILLISECONDS),
            () -> "the job ended before the kill: " + read(Path.of(out + ".err")));
        List<String> lines = Files.exists(taskLog) ? Files.readAllLines(taskLog) : List.of();
        for (int i = lines.size() - 1; i >= 0 && killed == null; i--) {
          String[] f = lines.get(i).split(" ");
          if (f.length == 4 && f[0].equals("task") && Integer.parseInt(f[1]) >= PARALLELISM) {
            String executor = f[2];
            ProcessHandle jvm = cluster.executor(executor).orElseThrow(() ->
                new AssertionError("no JVM of executor " + executor + " under the Workers"));
            ChildJvm.kill(jvm);
            killed = executor;
          }
        }
      }
    } catch (Exception | Error e) {
      ChildJvm.kill(job.toHandle());
      throw e;
    }
    finish(job, out);
    List<Map<String, Object>> trials = trials(outputs);

    List<String> log = Files.readAllLines(taskLog);
    assertTrue(log.contains("executor-removed " + killed), "the driver lost executor " + killed
        + ": " + log);
    int killedAt = log.indexOf("executor-removed " + killed);
    Set<String> after = new TreeSet<>();
    for (String line : log.subList(killedAt, log.size())) {
      String[] f = line.split(" ");
      if (f.length == 4 && f[0].equals("task") && f[3].equals("true")) {
        after.add(f[2]);
      }
    }
    assertTrue(!after.isEmpty() && !after.contains(killed),
        "tasks went on after the kill, on other executors: " + after);
    List<Integer> numbers = new ArrayList<>();
    for (Map<String, Object> t : trials) {
      numbers.add(((Number) t.get("trial")).intValue());
      assertEquals("COMPLETE", t.get("status"), t.toString());
    }
    assertEquals(IntStream.range(0, MAX_TRIALS).boxed().toList(), numbers,
        "every trial once: " + trials);
    assertEquals(localRun(), trials, "the trials are the local run's despite the lost executor");
  }
}
