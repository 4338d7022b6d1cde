package org.sparktune.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.sparktune.HyperparameterSearch;
import org.sparktune.schedule.Budget;
import org.sparktune.schedule.Scheduler;
import org.sparktune.split.Folds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code validate}: checks the config and the data without training — keys and types, classes
 * and params, columns and their types, the label's class counts, the folds' sizes (the folds are
 * cut and counted, then dropped) and the outputs folder — and prints the search space, the
 * folds and the rung schedule.
 */
@Command(name = "validate", description = "Check a config and its data, and print the search"
    + " space, the folds and the rung schedule, without training.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin
  JobOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PreparedStudy prepared = PreparedStudy.of(options, out);
    StudyConfig config = prepared.config();
    OutputFolder.check(prepared.spark(), config);
    HyperparameterSearch search = prepared.study().search();
    if (config.label() != null) {
      List<String> counts = new ArrayList<>();
      for (Row r : prepared.input().rows().groupBy(config.label()).count()
          .orderBy(config.label()).limit(21).collectAsList()) {
        counts.add(r.get(0) + ": " + r.getLong(1));
      }
      out.println("  label " + config.label() + (counts.size() > 20 ? " (first 20 values)" : "")
          + ": " + String.join(", ", counts.subList(0, Math.min(20, counts.size()))));
    }
    folds(out, search, prepared);
    rungs(out, search, config);
    out.println("sparktune: config " + config.file() + " and its data are valid; nothing was"
        + " trained.");
    out.flush();
    return ExitCodes.DONE;
  }

  private static void folds(PrintWriter out, HyperparameterSearch search,
      PreparedStudy prepared) {
    out.println("  folds (" + search.getSplitter().name() + "):");
    List<List<String>> rows = new ArrayList<>();
    try (Folds folds = search.getSplitter().split(prepared.input().rows(), search.getSeed())) {
      for (int i = 0; i < folds.numFolds(); i++) {
        rows.add(List.of(Integer.toString(i + 1), Long.toString(folds.train(i, 1.0).count()),
            Long.toString(folds.validation(i).count())));
      }
    } catch (IllegalArgumentException e) {
      throw CliFailure.data("'splitter': " + e.getMessage());
    }
    Leaderboard.table(out, List.of("fold", "train rows", "validation rows"), rows);
  }

  private static void rungs(PrintWriter out, HyperparameterSearch search, StudyConfig config) {
    int maxTrials = config.budget().maxTrials();
    Scheduler resolved = search.getScheduler().resolve(search.getParallelism(), maxTrials);
    List<Budget> budgets = resolved.budgets(maxTrials);
    List<Long> candidates = resolved.candidates(maxTrials);
    out.println("  rung schedule (" + resolved.name() + " at parallelism "
        + search.getParallelism() + ", fidelity " + search.getFidelity().name() + "):");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < budgets.size(); i++) {
      rows.add(List.of(Integer.toString(budgets.get(i).rung()),
          String.format(Locale.ROOT, "%.4f", budgets.get(i).fraction()),
          i < candidates.size() ? Long.toString(candidates.get(i)) : "-"));
    }
    Leaderboard.table(out, List.of("rung", "budget fraction", "trials"), rows);
  }
}
