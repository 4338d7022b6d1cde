package org.sparktune.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study as its config file describes it (YAML or JSON, read by {@link StudyConfigReader}):
 * the input, the label, the features, the estimator, the evaluator, the search space, the
 * sampler, scheduler, fidelity and splitter, the budget, the study log and the outputs.
 *
 * @param file the config file
 * @param study the study's name (its study log rows, its output folder's owner)
 * @param input where the data is
 * @param label the label column, or null (clustering)
 * @param features how the features column is made
 * @param estimator the estimator tuned: one class, or a choice between named candidates
 * @param evaluator the evaluator's class and fixed params, or null to find it by metric
 * @param metric the metric name, or null for the evaluator's default
 * @param spaceJson the search space in {@code SearchSpace.fromJson}'s form
 * @param sampler the sampler's name and options
 * @param scheduler the scheduler's name and options
 * @param fidelity the fidelity's name and options
 * @param splitter the splitter's name and options
 * @param raceFolds whether each rung races its folds
 * @param budget trials, time, parallelism and seed
 * @param studyLog the Delta path of the study log, or null for none
 * @param outputs where the model and the trials go, or null to write nothing
 */
record StudyConfig(Path file, String study, Input input, String label, Features features,
    EstimatorSpec estimator, Stage evaluator, String metric, String spaceJson, Part sampler,
    Part scheduler, Part fidelity, Part splitter, boolean raceFolds, Budget budget,
    String studyLog, Outputs outputs) {

  /**
   * The data: a Delta table (a path, or a catalog name, optionally at a version), Parquet, or
   * CSV with reader options and, for a header-less file, its column names.
   *
   * @param format delta, parquet or csv
   * @param location the path or table name
   * @param version the Delta version, or null for the latest
   * @param options reader options
   * @param columns names for the columns in order, or empty
   */
  record Input(String format, String location, Long version, Map<String, String> options,
      List<String> columns) {}

  /**
   * The features column: numeric columns assembled, string columns indexed and one-hot
   * encoded; or the stages of a saved Pipeline.
   *
   * @param numeric numeric columns (empty with categorical empty too: every column but the
   *     label and {@code exclude}, by type)
   * @param categorical string columns
   * @param exclude columns left out when the columns are found by type
   * @param pipeline the path of a saved (unfitted) Pipeline, or null
   */
  record Features(List<String> numeric, List<String> categorical, List<String> exclude,
      String pipeline) {}

  /**
   * An MLlib stage named by class (full name or short alias) with fixed params.
   *
   * @param className as written in the config
   * @param params param name to value
   * @param key where it was written in the config, for messages
   */
  record Stage(String className, Map<String, Object> params, String key) {}

  /**
   * The estimator: {@code single} alone, or {@code candidates} chosen between by a ModelChoice.
   *
   * @param single the one estimator, or null
   * @param candidates the candidates by name (empty for one estimator)
   */
  record EstimatorSpec(Stage single, Map<String, Stage> candidates) {
    boolean isChoice() {
      return !candidates.isEmpty();
    }
  }

  /**
   * A pluggable part: its name and options, as the library's {@code fromConfig} takes them.
   *
   * @param name the part's name
   * @param options its options
   */
  record Part(String name, Map<String, Object> options) {
    Part {
      options = new LinkedHashMap<>(options);
    }
  }

  /**
   * The study's budget.
   *
   * @param maxTrials trials at most
   * @param parallelism trials at once
   * @param seed the study's seed
   * @param timeoutSeconds the search's wall-clock budget, or null for none
   * @param trialTimeoutSeconds each trial's per-rung budget, or null for none
   * @param stopAfterNoImprovement finished trials without a better value that stop the study,
   *     or null
   * @param targetMetric the metric that stops the study once reached, or null
   */
  record Budget(int maxTrials, int parallelism, long seed, Double timeoutSeconds,
      Double trialTimeoutSeconds, Integer stopAfterNoImprovement, Double targetMetric) {}

  /**
   * Where the job writes: a folder owned by one study, holding {@code model/} (the tuned
   * model, MLlib format), {@code trials.<format>} and, once the report exists, the report.
   *
   * @param dir the folder
   * @param trialsFormat csv, parquet or json
   */
  record Outputs(String dir, String trialsFormat) {}

}
