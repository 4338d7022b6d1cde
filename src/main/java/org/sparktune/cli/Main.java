package org.sparktune.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The sparktune job. Subcommands, each taking {@code --config FILE} (YAML or JSON), {@code
 * --set key.path=value} (repeatable) and {@code --verbose}:
 *
 * <ul>
 *   <li>{@code tune}: runs the study, shows a progress line, prints the leaderboard, writes the
 *       model, the trials and the HTML report to the config's outputs folder;
 *   <li>{@code resume}: goes on with the study from its study log, same config;
 *   <li>{@code report}: writes the study's HTML report from its outputs' model, else from its
 *       study log ({@code --out FILE}, default {@code report.html} in the outputs folder);
 *   <li>{@code leaderboard}: prints the study's trials from its outputs or its study log;
 *   <li>{@code validate}: checks the config and the data (columns, types, class counts, fold
 *       sizes) and prints the search space, the folds and the rung schedule, without training.
 * </ul>
 *
 * <p>Exit codes: <b>0</b> done; <b>1</b> a failure while running (Spark, the file system, the
 * refit, writing outputs); <b>2</b> a bad config or command line (missing file, unknown key,
 * wrong type, unknown class, metric or param, an output folder of another study; nothing was
 * trained); <b>3</b> bad data (a missing path or table, a missing or mistyped column, too few
 * rows or classes for the folds; nothing was trained); <b>4</b> the study ran but no trial
 * completed (every trial failed, or none finished within the budget). A failure prints one line
 * on stderr starting with {@code sparktune: }; {@code --verbose} adds its stack trace.
 *
 * <p>Under spark-submit it uses the submitted master; run directly it starts an embedded local
 * Spark. The console is quiet by default (the job's own lines only); {@code --verbose} shows
 * Spark's and sparktune's logs. A new subcommand is a class with picocli's {@code @Command},
 * listed in {@code subcommands} below.
 */
@Command(name = "sparktune", mixinStandardHelpOptions = true,
    version = "sparktune " + "0.1.0",
    description = "Hyperparameter tuning for Spark MLlib pipelines.",
    subcommands = {TuneCommand.class, ResumeCommand.class, ReportCommand.class,
        LeaderboardCommand.class,
        ValidateCommand.class},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:done", "1:failure while running", "2:bad config or command line",
        "3:bad data", "4:no trial completed"})
public final class Main implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Runs the job and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the job on today's {@code System.out} and {@code System.err}; returns the exit code. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  /** Runs the job printing to {@code out} and {@code err}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
        true);
    PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8),
        true);
    CommandLine cli = new CommandLine(new Main()).setOut(o).setErr(e)
        .setExecutionExceptionHandler((ex, line, parsed) -> {
          boolean verbose = parsed.subcommand() != null
              && parsed.subcommand().hasMatchedOption("--verbose");
          return failed(ex, line.getErr(), verbose);
        });
    int code = cli.execute(args);
    o.flush();
    e.flush();
    return code;
  }

  private static int failed(Exception ex, PrintWriter err, boolean verbose) {
    int code;
    String message;
    if (ex instanceof CliFailure f) {
      code = f.exitCode();
      message = f.getMessage();
    } else {
      code = ExitCodes.FAILED;
      message = "failed: " + InputData.firstLine(ex);
    }
    err.println("sparktune: " + message.replace('\n', ' '));
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Without a subcommand: the usage, and exit code 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_CONFIG;
  }
}
