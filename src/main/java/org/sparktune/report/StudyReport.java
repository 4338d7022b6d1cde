package org.sparktune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.sparktune.study.Direction;

/**
 * The HTML report of a study: one self-contained file, Plotly inlined, that opens in a browser
 * with no network. It shows the study's summary (best trial and params, the budget it was
 * judged on, why it stopped, sampler and scheduler, trials by state), the optimisation history
 * with the best so far, the metric by rung and budget for a multi-fidelity schedule (pruned
 * trials included), parallel coordinates, parameter importance from a random-forest surrogate
 * (MLlib, on the driver's Spark session; skipped with a note under {@value Scores#ENOUGH}
 * trials with a result), one slice plot a parameter (log axis for a log-scale range) and every
 * trial in a table. Every user text is escaped.
 *
 * <pre>{@code
 * model.writeReport("/tmp/churn-report.html");            // a fitted TunedModel
 * displayHTML(model.reportHtml());                        // in a notebook
 * StudyReport.writeFromStudyLog(spark, "/delta/studies", "churn", "churn.html");
 * }</pre>
 *
 * <p>Stateless and thread-safe. Plotly (about 11 MB) is read from the webjar {@code
 * org.webjars.npm:plotly.js-dist} on the classpath once per JVM.
 */
public final class StudyReport {

  private StudyReport() {}

  /** The report of {@code input} as one HTML page. */
  public static String html(ReportInput input) {
    return PageBuilder.build(input);
  }

  /**
   * Writes the report of {@code input} to the local file {@code path}, replacing a file there
   * and creating its parent folders; refuses a folder.
   */
  public static void write(ReportInput input, String path) {
    Path file = target(path);
    String page = html(input);
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the study report to " + path + ": "
          + e.getMessage() + "; check the folder's permissions, or give another path.", e);
    }
  }

  /**
   * The report's input read back from the Delta study log at {@code logPath}, study {@code
   * study}: its trials as the log's events rebuild them, the metric and direction from the
   * evaluator its last run recorded. Fails, naming the fix, when there is no study log there,
   * no such study in it, or an evaluator whose direction it cannot tell (then call {@link
   * #fromStudyLog(SparkSession, String, String, String, Direction)}).
   */
  public static ReportInput fromStudyLog(SparkSession spark, String logPath, String study) {
    return StudyLogInput.read(spark, logPath, study, null, null);
  }

  /** As {@link #fromStudyLog(SparkSession, String, String)}, with the metric given. */
  public static ReportInput fromStudyLog(SparkSession spark, String logPath, String study,
      String metricName, Direction direction) {
    if (metricName == null || metricName.isBlank() || direction == null) {
      throw new IllegalArgumentException("a study log's report needs a metric name and a"
          + " direction but got '" + metricName + "' and " + direction + "; give both, e.g."
          + " (\"rmse\", Direction.MINIMIZE).");
    }
    return StudyLogInput.read(spark, logPath, study, metricName, direction);
  }

  /**
   * Writes the report of study {@code study} in the Delta study log at {@code logPath} to the
   * local file {@code out}: {@link #fromStudyLog(SparkSession, String, String)}, then {@link
   * #write}. Checks {@code out} before reading the log.
   */
  public static void writeFromStudyLog(SparkSession spark, String logPath, String study,
      String out) {
    target(out);
    write(fromStudyLog(spark, logPath, study), out);
  }

  /** {@code path} as a file to write, refused when blank or a folder. */
  private static Path target(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("the report path is blank; give the path of an HTML"
          + " file to write, e.g. \"report.html\".");
    }
    Path file = Path.of(path);
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("the report path " + path + " is a folder; give the"
          + " path of an HTML file to write in it, e.g. " + file.resolve("report.html") + ".");
    }
    return file;
  }
}
