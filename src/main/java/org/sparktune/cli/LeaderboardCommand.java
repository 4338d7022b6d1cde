package org.sparktune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparktune.delta.DeltaStudyLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leaderboard}: prints a study's trials, best first, from its outputs folder's trials
 * file when the study wrote one, else from its study log (which also shows a study still
 * running, or one that stopped before writing). Reads no training data.
 */
@Command(name = "leaderboard", description = "Print a study's trials, best first, from its"
    + " outputs or its study log.")
final class LeaderboardCommand implements Callable<Integer> {

  @Mixin
  JobOptions options;

  @Spec
  CommandSpec spec;

  @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "20",
      description = "how many trials to show (default ${DEFAULT-VALUE})")
  int top;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    StudyConfig config = options.read();
    ConsoleLogging.configure(options.verbose);
    boolean largerBetter = Evaluators.of(config, config.label()).isLargerBetter();
    SparkSession spark = Sessions.get();
    OutputFolder folder = OutputFolder.check(spark, config);
    Dataset<Row> trials;
    String from;
    if (folder != null && folder.fs().exists(folder.trials())) {
      trials = folder.readTrials(spark);
      from = folder.trials().toString();
    } else if (config.studyLog() != null) {
      DeltaStudyLog log;
      try {
        log = DeltaStudyLog.open(spark, config.studyLog(), config.study());
      } catch (IllegalArgumentException e) {
        throw CliFailure.config("'studyLog': " + e.getMessage());
      }
      trials = EventTrials.of(spark, log.events());
      from = "study log " + config.studyLog();
    } else {
      throw CliFailure.config("config " + config.file() + " names no trials to show: it has"
          + " no studyLog, and " + (folder == null ? "no outputs.dir" : "no trials in "
          + folder.trials()) + "; run tune first, or add studyLog or outputs.");
    }
    long count = trials.count();
    if (count == 0) {
      throw CliFailure.config("study '" + config.study() + "' has no trial in " + from
          + "; run tune first.");
    }
    out.println("study '" + config.study() + "': " + count + " trials, from " + from);
    Leaderboard.print(out, trials, largerBetter, top);
    return ExitCodes.DONE;
  }
}
