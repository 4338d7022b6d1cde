package org.sparktune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A listener a submitted driver loads with {@code spark.extraListeners}: it appends to the file
 * named by {@value #FILE_CONF} one line per finished task of a sparktune trial ({@code task
 * TRIAL EXECUTOR SUCCESS}) and one per executor added or removed ({@code executor-added ID},
 * {@code executor-removed ID}), so a test outside the driver sees where each trial ran.
 */
public final class TaskExecutorLog extends SparkListener {

  /** The conf naming the file the lines go to. */
  public static final String FILE_CONF = "spark.sparktune.test.taskLog";

  private static final Pattern TRIAL_GROUP = Pattern.compile("^sparktune-.*-trial-(\\d+)$");

  private final Path file;
  private final Map<Integer, Integer> trialOfStage = new ConcurrentHashMap<>();

  /** Spark calls this with the driver's conf. */
  public TaskExecutorLog(SparkConf conf) {
    this.file = Path.of(conf.get(FILE_CONF));
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String group = jobStart.properties() == null ? null
        : jobStart.properties().getProperty("spark.jobGroup.id");
    Matcher m = group == null ? null : TRIAL_GROUP.matcher(group);
    if (m != null && m.matches()) {
      int trial = Integer.parseInt(m.group(1));
      for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageIds())) {
        trialOfStage.put((Integer) stage, trial);
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    Integer trial = trialOfStage.get(taskEnd.stageId());
    if (trial != null) {
      write("task " + trial + " " + taskEnd.taskInfo().executorId() + " "
          + taskEnd.taskInfo().successful());
    }
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded added) {
    write("executor-added " + added.executorId());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    write("executor-removed " + removed.executorId());
  }

  private synchronized void write(String line) {
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
