package org.sparktune.cli;

import picocli.CommandLine.Command;

/**
 * {@code resume}: goes on with a study from its study log, with the same config: finished
 * trials are kept, an interrupted one runs again, {@code maxTrials} counts over every run.
 * Refuses a config without a study log, or a log that holds no trial of the study.
 */
@Command(name = "resume", description = "Go on with a study from its study log (same config).")
final class ResumeCommand extends TuneCommand {

  @Override
  public Integer call() {
    return run(true);
  }
}
