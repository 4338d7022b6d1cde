package org.sparktune.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.SparkSession;
import org.sparktune.TunedModel;
import org.sparktune.report.StudyReport;
import org.sparktune.study.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report}: writes a study's HTML report from the tuned model in its outputs folder when
 * the study wrote one, else from its study log (a study still running, or one that stopped
 * before writing). Reads no training data.
 */
@Command(name = "report", description = "Write a study's HTML report, from its outputs or its"
    + " study log.")
final class ReportCommand implements Callable<Integer> {

  @Mixin
  JobOptions options;

  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "the HTML file to write (default: report.html in outputs.dir)")
  String out;

  @Override
  public Integer call() throws IOException {
    PrintWriter console = spec.commandLine().getOut();
    StudyConfig config = options.read();
    ConsoleLogging.configure(options.verbose);
    SparkSession spark = Sessions.get();
    OutputFolder folder = OutputFolder.check(spark, config);
    Path target = out != null ? new Path(out) : folder != null ? folder.report() : null;
    if (target == null) {
      throw CliFailure.config("config " + config.file() + " has no outputs.dir to write the"
          + " report in; give --out FILE, or add outputs: {dir: PATH}.");
    }
    String html;
    String from;
    if (folder != null && folder.fs().exists(folder.model())) {
      html = TunedModel.load(folder.model().toString()).reportHtml();
      from = "the model in " + folder.model();
    } else if (config.studyLog() != null) {
      Evaluator evaluator = Evaluators.of(config, config.label());
      String metric = Evaluators.metricName(evaluator);
      try {
        html = StudyReport.html(StudyReport.fromStudyLog(spark, config.studyLog(),
            config.study(), metric, evaluator.isLargerBetter() ? Direction.MAXIMIZE
                : Direction.MINIMIZE));
      } catch (IllegalArgumentException e) {
        throw CliFailure.config("'studyLog': " + e.getMessage());
      }
      from = "study log " + config.studyLog();
    } else {
      throw CliFailure.config("config " + config.file() + " names no study to report: it has"
          + " no studyLog, and " + (folder == null ? "no outputs.dir" : "no model in "
          + folder.model()) + "; run tune first, or add studyLog or outputs.");
    }
    OutputFolder.writeText(target.getFileSystem(spark.sparkContext().hadoopConfiguration()),
        target, html);
    console.println("wrote the report of study '" + config.study() + "' (from " + from + ") to "
        + target);
    console.flush();
    return ExitCodes.DONE;
  }
}
