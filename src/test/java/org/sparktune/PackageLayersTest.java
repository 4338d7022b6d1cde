package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the packages point down, as the design draws them, checked on the sources:
 * the root package holds the Spark ML face only, nothing below it names it or the CLI, and the
 * samplers and schedulers know nothing of Spark.
 */
class PackageLayersTest {

  private static final Path SOURCES = Path.of("src", "main", "java", "org", "sparktune");
  private static final Pattern ROOT_CLASS = Pattern.compile("org\\.sparktune\\.[A-Z]");
  private static final Pattern CLI = Pattern.compile("org\\.sparktune\\.cli\\b");
  private static final Pattern SPARK = Pattern.compile("org\\.apache\\.spark|\\bscala\\.");

  @Test
  void theRootPackageHoldsTheSparkMlFaceOnly() throws IOException {
    List<String> root = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      files.filter(Files::isRegularFile).forEach(f -> root.add(f.getFileName().toString()));
    }
    assertEquals(Set.of("HyperparameterSearch.java", "TunedModel.java", "ModelChoice.java",
        "ModelChoiceModel.java", "package-info.java"), Set.copyOf(root));
  }

  @Test
  void noPackageBelowTheRootNamesTheRootOrTheCli() {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      String pkg = SOURCES.relativize(file).getName(0).toString();
      if (pkg.equals("cli") || SOURCES.relativize(file).getNameCount() == 1) {
        continue;
      }
      found.addAll(matches(file, ROOT_CLASS));
      found.addAll(matches(file, CLI));
    }
    assertTrue(found.isEmpty(), "lower packages name the root or the CLI: " + found);
  }

  @Test
  void samplersAndSchedulersKnowNothingOfSpark() {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      String pkg = SOURCES.relativize(file).getName(0).toString();
      if (pkg.equals("search") || pkg.equals("schedule")) {
        found.addAll(matches(file, SPARK));
      }
    }
    assertTrue(found.isEmpty(), "search/ and schedule/ name Spark or Scala: " + found);
  }

  private static List<Path> sources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> all = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertTrue(all.size() > 50, "sources under " + SOURCES.toAbsolutePath() + ": " + all.size());
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of {@code file} that match, as "file:line: text". */
  private static List<String> matches(Path file, Pattern pattern) {
    List<String> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (pattern.matcher(lines.get(i)).find()) {
          out.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
