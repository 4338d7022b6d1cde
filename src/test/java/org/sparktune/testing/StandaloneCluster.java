package org.sparktune.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1 made of separate JVMs started from this JVM's
 * classpath, with no Spark distribution: one Master and {@code workers} Workers of 1 core and
 * 1 GB each, every port random, logs and work dirs under one folder.
 *
 * <p>A Worker launches each executor with Spark's launcher, which puts {@code SPARK_HOME/jars/*}
 * on the executor's classpath and needs the Scala version; here {@code SPARK_HOME} is a folder
 * with an empty {@code jars/} and {@code SPARK_SCALA_VERSION} is set, so the executor's classes
 * come from the application's {@code spark.executor.extraClassPath} (see
 * {@link #executorClassPathConf()}). Executors inherit the Worker's environment.
 */
public final class StandaloneCluster implements AutoCloseable {

  private static final Pattern MASTER_URL =
      Pattern.compile("Starting Spark master at (spark://[0-9.]+:\\d+)");

  private final Path dir;
  private final Path sparkHome;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private String masterUrl;

  private StandaloneCluster(Path dir) throws IOException {
    this.dir = dir;
    this.sparkHome = Files.createDirectories(dir.resolve("spark-home"));
    Files.createDirectories(sparkHome.resolve("jars"));
    Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
        "rootLogger.level = warn",
        "rootLogger.appenderRef.stderr.ref = console",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n",
        "logger.deploy.name = org.apache.spark.deploy",
        "logger.deploy.level = info", ""));
  }

  /** Starts a Master and {@code workers} Workers under {@code dir}; waits until all registered. */
  public static StandaloneCluster start(Path dir, int workers) throws Exception {
    StandaloneCluster cluster = new StandaloneCluster(dir);
    try {
      Process master = cluster.launch("master", "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
      cluster.masterUrl = cluster.await(master, "master", MASTER_URL).group(1);
      for (int i = 0; i < workers; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        Process worker = cluster.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1",
            "--memory", "1g", "--work-dir", work.toString(), cluster.masterUrl);
        cluster.workers.add(worker);
      }
      for (int i = 0; i < workers; i++) {
        cluster.await(cluster.workers.get(i), "worker-" + i,
            Pattern.compile("Successfully registered with master"));
      }
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private Process launch(String name, String mainClass, String... args) throws IOException {
    List<String> command = ChildJvm.java("512m");
    command.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
    // The Master's REST submission server listens on a fixed port (6066): not needed here.
    command.add("-Dspark.master.rest.enabled=false");
    command.addAll(List.of("-cp", ChildJvm.classPath(), mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log(name).toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().remove("SPARK_CONF_DIR");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** Waits (at most 3 minutes) for a line of {@code name}'s log to match {@code pattern}. */
  private Matcher await(Process process, String name, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log(name), StandardCharsets.ISO_8859_1)) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " ended with " + process.exitValue() + ": "
            + Files.readString(log(name)));
      }
    }
    throw new IllegalStateException(name + " logged no '" + pattern + "' in 3 minutes: "
        + Files.readString(log(name)));
  }

  /** The log file of {@code name} (master, worker-0, …). */
  public Path log(String name) {
    return dir.resolve(name + ".log");
  }

  /** The master's URL, spark://127.0.0.1:PORT. */
  public String masterUrl() {
    return masterUrl;
  }

  /** The SPARK_HOME the Workers use: a folder with an empty jars/. */
  public Path sparkHome() {
    return sparkHome;
  }

  /** The conf an application needs so that its executors have this JVM's classpath. */
  public String executorClassPathConf() {
    return "spark.executor.extraClassPath=" + ChildJvm.classPath();
  }

  /**
   * The executor JVM with id {@code executorId} of the running application, if a Worker runs
   * it: the Worker's child whose working directory is {@code WORK_DIR/app-…/executorId} (read
   * from /proc, since Java may not see the arguments of a command line this long).
   */
  public Optional<ProcessHandle> executor(String executorId) {
    for (Process worker : workers) {
      Optional<ProcessHandle> found = worker.descendants().filter(p -> {
        Path cwd;
        try {
          cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
        } catch (IOException | UnsupportedOperationException e) {
          return false;
        }
        return cwd.getNameCount() >= 2 && cwd.getFileName().toString().equals(executorId)
            && cwd.getParent().getFileName().toString().startsWith("app-");
      }).findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Kills every Worker's executors, the Workers and the Master. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      ChildJvm.kill(processes.get(i).toHandle());
    }
  }
}
