package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.testing.ChildJvm;

/**
 * {@code spark-submit/sparktune-submit} run as a user runs it: its one-line answers when Spark or
 * the jar is missing, and the spark-submit command it runs, seen by a stand-in spark-submit that
 * prints its arguments.
 */
class SubmitScriptTest {

  private static final Path SCRIPT =
      Path.of("spark-submit", "sparktune-submit").toAbsolutePath();

  @TempDir
  Path dir;

  /** The script's exit code, stdout and stderr. */
  private record Run(int code, String out, String err) {}

  /** Runs the script with {@code env} (a null value removes the variable) and {@code args}. */
  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().remove("SPARK_HOME");
    builder.environment().remove("SPARKTUNE_JAR");
    env.forEach((k, v) -> {
      if (v == null) {
        builder.environment().remove(k);
      } else {
        builder.environment().put(k, v);
      }
    });
    Process process = builder.start();
    try {
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script did not end in 60 s");
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      ChildJvm.kill(process.toHandle());
    }
  }

  /** A SPARK_HOME whose bin/spark-submit prints each argument on a line. */
  private Path echoingSparkHome() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("spark").resolve("bin"));
    Path submit = bin.resolve("spark-submit");
    Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir.resolve("spark");
  }

  @Test
  void withoutSparkHomeItSaysWhatToSetInOneLine() throws Exception {
    Run run = run(Map.of(), "--master", "local[2]", "--", "tune", "--config", "study.json");
    assertEquals(2, run.code());
    assertEquals("sparktune-submit: SPARK_HOME is not set; set it to a Spark 4.1 installation"
        + " (the folder holding bin/spark-submit), or run on an embedded local Spark with"
        + " spark-submit/sparktune-local.\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void withASparkHomeLackingSparkSubmitItNamesTheFolder() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("not-spark"));
    Run run = run(Map.of("SPARK_HOME", empty.toString()), "--", "tune");
    assertEquals(2, run.code());
    assertEquals("sparktune-submit: SPARK_HOME=" + empty + " has no executable"
        + " bin/spark-submit; set SPARK_HOME to a Spark 4.1 installation, or run on an"
        + " embedded local Spark with spark-submit/sparktune-local.\n", run.err());
  }

  @Test
  void withoutTheJarItSaysHowToBuildIt() throws Exception {
    Path missing = dir.resolve("sparktune.jar");
    Run run = run(Map.of("SPARK_HOME", echoingSparkHome().toString(),
        "SPARKTUNE_JAR", missing.toString()), "--", "tune");
    assertEquals(2, run.code());
    assertEquals("sparktune-submit: no jar at " + missing + "; build it in "
        + SCRIPT.getParent().getParent() + " with: mvn -B -ntp -DskipTests package\n",
        run.err());
  }

  @Test
  void withoutTheSeparatorItGivesItsUsage() throws Exception {
    Run run = run(Map.of("SPARK_HOME", echoingSparkHome().toString()), "tune", "--config",
        "study.json");
    assertEquals(2, run.code());
    assertEquals("sparktune-submit: no \"--\" before the sparktune arguments; usage:"
        + " spark-submit/sparktune-submit [spark-submit options] -- ARGS...\n", run.err());
  }

  @Test
  void itRunsSparkSubmitWithTheMainClassTheOptionsTheJarAndTheArgumentsInOrder()
      throws Exception {
    Path jar = Files.writeString(dir.resolve("my sparktune.jar"), "a jar");
    Run run = run(Map.of("SPARK_HOME", echoingSparkHome().toString(),
        "SPARKTUNE_JAR", jar.toString()),
        "--master", "spark://host:7077", "--conf", "spark.app.name=a study", "--",
        "tune", "--config", "my study.json", "--");
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("--class", "org.sparktune.cli.Main",
        "--conf", "spark.scheduler.mode=FAIR",
        "--master", "spark://host:7077", "--conf", "spark.app.name=a study",
        jar.toString(), "tune", "--config", "my study.json", "--"), run.out().lines().toList());
  }

  @Test
  void withNoSparkSubmitOptionsTheJarComesRightAfterTheDefaults() throws Exception {
    Path jar = Files.writeString(dir.resolve("sparktune.jar"), "a jar");
    Run run = run(Map.of("SPARK_HOME", echoingSparkHome().toString(),
        "SPARKTUNE_JAR", jar.toString()), "--", "validate", "study.yaml");
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("--class", "org.sparktune.cli.Main",
        "--conf", "spark.scheduler.mode=FAIR", jar.toString(), "validate", "study.yaml"),
        run.out().lines().toList());
  }
}
