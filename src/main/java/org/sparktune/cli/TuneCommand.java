package org.sparktune.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.delta.DeltaStudyLog;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.TrialEvent;
import org.sparktune.study.TrialStore;
import org.sparktune.study.TuningException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tune}: runs the study a config describes, with a progress line, then prints the
 * leaderboard and writes the model and the trials. With a study log that already holds the
 * study, it goes on from there, as {@code resume} does.
 */
@Command(name = "tune", description = "Run the study a config describes: tune, print the"
    + " leaderboard, write the model and the trials.")
class TuneCommand implements Callable<Integer> {

  @Mixin
  JobOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    return run(false);
  }

  int run(boolean resume) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PreparedStudy prepared = PreparedStudy.of(options, out);
    StudyConfig config = prepared.config();
    OutputFolder folder = OutputFolder.check(prepared.spark(), config);
    HyperparameterSearch search = prepared.study().search();
    TrialStore store = store(prepared, resume);
    long earlier = store.events().stream()
        .filter(e -> e.kind() == TrialEvent.Kind.CREATED).count();
    if (earlier > 0) {
      out.println("  resuming: the study log holds " + earlier + " trials of '" + config.study()
          + "'");
    }
    Progress progress = new Progress(err, System.console() != null,
        config.budget().maxTrials(), PreparedStudy.metricName(prepared.study()),
        prepared.study().evaluator().isLargerBetter(),
        Progress.plannedWork(search, config.budget().maxTrials()));
    search.setTrialStore(new ProgressStore(store, progress));
    if (folder != null) {
      folder.claim(config.study());
    }
    out.flush();
    long start = System.nanoTime();
    TunedModel model;
    try {
      model = prepared.input().delta() != null ? search.fit(prepared.input().delta())
          : search.fit(prepared.input().rows());
    } catch (IllegalArgumentException e) {
      throw Failures.fromFit(e);
    } catch (TuningException e) {
      throw Failures.fromRun(e);
    } finally {
      progress.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf("sparktune: %d trials in %s (stopped: %s, scheduler %s); leaderboard by %s:%n",
        model.trialList().size(), SpaceText.seconds(seconds), model.stopReason(),
        schedulerName(model), model.metricName());
    Leaderboard.print(out, model.trials(), model.isLargerBetter(), 10);
    out.println("best " + model.metricName() + " = " + Leaderboard.cell(model.bestMetric())
        + " (trial " + model.bestTrial().number() + ", judged on data fraction "
        + model.bestBudget() + "; refitted on all the data)");
    out.println("best params: " + model.bestParams());
    if (folder != null) {
      folder.write(model);
      out.println("wrote the model to " + folder.model() + " (TunedModel.load)");
      out.println("wrote the trials to " + folder.trials());
      out.println("wrote the report to " + folder.report() + " (open it in a browser)");
    } else {
      out.println("wrote nothing: the config has no outputs.dir (add outputs: {dir: PATH}).");
    }
    if (config.studyLog() != null) {
      out.println("study log: " + config.studyLog() + " (study '" + config.study() + "')");
    }
    out.flush();
    return ExitCodes.DONE;
  }

  private static String schedulerName(TunedModel model) {
    String json = model.provenance().getOrDefault("scheduler", "");
    int at = json.indexOf("\"name\":\"");
    return at < 0 ? "?" : json.substring(at + 8, json.indexOf('"', at + 8));
  }

  /** The config's study log, or a store in memory; {@code resume} needs a log of the study. */
  private static TrialStore store(PreparedStudy prepared, boolean resume) {
    StudyConfig config = prepared.config();
    if (config.studyLog() == null) {
      if (resume) {
        throw CliFailure.config("resume needs a study log, and config " + config.file()
            + " has no 'studyLog'; add studyLog: PATH (a Delta table) and run tune.");
      }
      return new InMemoryTrialStore();
    }
    TrialStore log;
    try {
      log = DeltaStudyLog.open(prepared.spark(), config.studyLog(), config.study());
    } catch (IllegalArgumentException e) {
      throw CliFailure.config("'studyLog': " + e.getMessage());
    }
    if (resume && log.events().stream().noneMatch(e -> e.kind() == TrialEvent.Kind.CREATED)) {
      throw CliFailure.config("study '" + config.study() + "' has no trial in study log "
          + config.studyLog() + ", so there is nothing to resume; run tune to start it.");
    }
    return log;
  }
}
