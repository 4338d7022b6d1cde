package org.sparktune.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs for tests that need separate processes: the java of this JVM, its classpath and the
 * module options Spark needs, and a kill that takes a process's descendants with it.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** {@code java -XmxHEAP <Spark's module options>}: a command to add a class and args to. */
  public static List<String> java(String heap) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(moduleOptions());
    return command;
  }

  /** The {@code --add-opens}/{@code --add-modules} options this JVM was started with. */
  public static List<String> moduleOptions() {
    List<String> options = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognized")
          || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
        options.add(arg);
      }
    }
    return options;
  }

  /** This JVM's classpath (under Surefire, the test classpath). */
  public static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** Kills {@code process} and every process it started, and waits for them to end. */
  public static void kill(ProcessHandle process) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process);
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // already gone, or not ended in time: nothing more a test can do
      }
    }
  }
}
