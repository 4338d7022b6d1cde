package org.sparktune.report;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparktune.delta.DeltaStudyLog;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialEvent;
import org.sparktune.study.TrialStore;

/**
 * A report's input read back from a Delta study log: the study's events replayed by {@link
 * Study} itself (over a store that only reads, so nothing is written to the log), the search
 * space and evaluator its last run recorded in its STARTED event. The log records no sampler,
 * scheduler or stop reason; the page says so.
 */
final class StudyLogInput {

  private StudyLogInput() {}

  /** The input of {@code study} in the log at {@code path}; a null metric is read back. */
  static ReportInput read(SparkSession spark, String path, String study, String metricName,
      Direction direction) {
    if (study == null || study.isBlank()) {
      throw new IllegalArgumentException("the study name is blank; give the name the study ran"
          + " under (setStudyName, or 'study' in the config; \"" + Study.DEFAULT_NAME
          + "\" when none was set).");
    }
    requireLog(spark, path);
    List<TrialEvent> events = DeltaStudyLog.open(spark, path, study).events();
    if (events.isEmpty()) {
      List<String> studies = spark.read().format("delta").load(path).select("study")
          .distinct().orderBy("study").collectAsList().stream().map(r -> r.getString(0))
          .toList();
      throw new IllegalArgumentException("the study log " + path + " has no study '" + study
          + "'; its studies are " + studies + ". Give one of them.");
    }
    TrialEvent started = events.stream().filter(e -> e.kind() == TrialEvent.Kind.STARTED
            && e.params().get("space") instanceof String)
        .max(Comparator.comparing((TrialEvent e) -> e.time() == null ? java.time.Instant.MIN
            : e.time()).thenComparingLong(TrialEvent::seq))
        .orElseThrow(() -> new IllegalArgumentException("study '" + study + "' in the log "
            + path + " has no STARTED event with its search space: its runs predate the"
            + " recorded setup. Write the report from the fitted model instead:"
            + " model.writeReport(path)."));
    SearchSpace space = SearchSpace.fromJson((String) started.params().get("space"));
    String evaluator = String.valueOf(started.params().getOrDefault("evaluator", ""));
    if (metricName == null) {
      RecordedMetric metric = RecordedMetric.of(evaluator, path, study);
      metricName = metric.name();
      direction = metric.direction();
    }
    Study replayed = Study.create(study, space, new RandomSampler(), direction, 0,
        new ReadOnlyStore(events));
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("study", study);
    Study.recordedInput(events, study).ifPresent(input -> provenance.put("input", input));
    for (String part : List.of("estimator", "splitter", "evaluator")) {
      if (started.params().get(part) != null) {
        provenance.put(part, started.params().get(part).toString());
      }
    }
    provenance.put("runs", Long.toString(events.stream()
        .filter(e -> e.kind() == TrialEvent.Kind.STARTED).count()));
    List<Trial> trials = replayed.trials();
    return new ReportInput(study, metricName, direction, space, trials,
        replayed.bestTrial().map(Trial::number).orElse(-1), provenance,
        ReportInput.NOT_RECORDED + " in the study log", "study log " + path);
  }

  /** Refuses a path that holds no Delta table, without creating one as opening a log would. */
  private static void requireLog(SparkSession spark, String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("the study log path is blank; give the path of the"
          + " Delta table the study logged to (setStudyLog, or 'studyLog' in the config).");
    }
    try {
      Path commits = new Path(path, "_delta_log");
      FileSystem fs = commits.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(commits) || fs.listStatus(commits,
          f -> f.getName().endsWith(".json")).length == 0) {
        throw new IllegalArgumentException("the study log " + path + " does not exist or is"
            + " not a Delta table; give the path the study logged to (setStudyLog, or"
            + " 'studyLog' in the config).");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the study log " + path + " cannot be read: "
          + e.getMessage() + "; check the path and its permissions.", e);
    }
  }

  /** The events of a log, read once; a report writes nothing. */
  private record ReadOnlyStore(List<TrialEvent> events) implements TrialStore {

    @Override
    public void append(TrialEvent event) {
      throw new UnsupportedOperationException("a study report only reads the study log");
    }
  }
}
