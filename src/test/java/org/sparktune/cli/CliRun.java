package org.sparktune.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the job in this JVM through {@link Main#run(String[], PrintStream, PrintStream)}:
 * its exit code and what it printed on stdout and stderr.
 *
 * @param code the exit code
 * @param out stdout
 * @param err stderr
 */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** {@code command --config file} followed by {@code --set} of each override. */
  static CliRun of(String command, java.nio.file.Path config, String... overrides) {
    List<String> args = new ArrayList<>(List.of(command, "--config", config.toString()));
    for (String o : overrides) {
      args.add("--set");
      args.add(o);
    }
    return of(args.toArray(new String[0]));
  }

  /** stderr's lines. */
  List<String> errLines() {
    return err.isEmpty() ? List.of() : List.of(err.strip().split("\n"));
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
