package org.sparktune.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * What every subcommand that reads data does first: read the config, start Spark, read the
 * input's schema, build and check the search. Nothing is trained; a mistake stops here with
 * exit code 2 (config) or 3 (data).
 *
 * @param config the config
 * @param spark the session
 * @param input the data
 * @param study the configured search
 */
record PreparedStudy(StudyConfig config, SparkSession spark, InputData input,
    ConfiguredStudy study) {

  static PreparedStudy of(JobOptions options, PrintWriter out) {
    StudyConfig config = options.read();
    ConsoleLogging.configure(options.verbose);
    SparkSession spark = Sessions.get();
    InputData input = InputData.read(spark, config);
    ConfiguredStudy study = ConfiguredStudy.build(config, input.rows().schema());
    study.check(input.rows().schema());
    PreparedStudy prepared = new PreparedStudy(config, spark, input, study);
    out.println("sparktune: study '" + config.study() + "' from " + config.file());
    out.println("  input: " + input.description() + ", " + input.rows().columns().length
        + " columns");
    FeatureStages f = study.features();
    out.println("  features: " + (config.features().pipeline() != null
        ? "the stages of the saved pipeline " + config.features().pipeline()
        : f.numeric().size() + " numeric " + f.numeric() + ", " + f.categorical().size()
            + " one-hot " + f.categorical()) + (config.label() == null ? ""
        : "; label " + config.label()));
    out.println("  estimator: " + prepared.estimatorText() + "; evaluator "
        + study.evaluator().getClass().getSimpleName() + " (" + metricName(study) + ", "
        + (study.evaluator().isLargerBetter() ? "larger" : "smaller") + " is better)");
    out.println("  space:");
    SpaceText.lines(study.search().getSearchSpace()).forEach(l -> out.println("    " + l));
    out.println("  sampler " + config.sampler().name() + ", scheduler "
        + config.scheduler().name() + ", splitter " + study.search().getSplitter().name()
        + " (" + study.search().getSplitter().numFolds() + " folds), " + config.budget()
        .maxTrials() + " trials, " + config.budget().parallelism() + " at a time, seed "
        + config.budget().seed());
    out.flush();
    return prepared;
  }

  static String metricName(ConfiguredStudy study) {
    return Evaluators.metricName(study.evaluator());
  }

  private String estimatorText() {
    StudyConfig.EstimatorSpec e = config.estimator();
    if (e.isChoice()) {
      return "a choice of " + e.candidates().entrySet().stream()
          .map(c -> c.getKey() + " (" + c.getValue().className() + ")")
          .collect(Collectors.joining(", "));
    }
    return e.single() == null ? "the saved pipeline's last stage" : e.single().className()
        + (e.single().params().isEmpty() ? "" : " " + e.single().params());
  }
}
