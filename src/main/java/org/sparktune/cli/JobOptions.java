package org.sparktune.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every subcommand takes: the config, its overrides, and the console's verbosity. */
final class JobOptions {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "the study config, YAML (.yaml, .yml) or JSON (.json)")
  Path config;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "overrides one config key, e.g. --set budget.maxTrials=40 (repeatable;"
          + " the value is read as YAML: 5 is a number, [a, b] a list)")
  List<String> overrides = new ArrayList<>();

  @Option(names = {"-v", "--verbose"},
      description = "show Spark's and sparktune's INFO logs and stack traces")
  boolean verbose;

  /** The config with its overrides. */
  StudyConfig read() {
    return StudyConfigReader.read(config, overrides);
  }
}
