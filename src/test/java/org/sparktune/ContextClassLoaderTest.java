package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.space.SearchSpace;
import org.sparktune.testing.SavedMetadata;
import org.sparktune.testing.SparkTestSession;

/**
 * Saved stages' classes resolve through the thread's context class loader, where notebooks and
 * spark-submit put the user's jars. The user's classes here are compiled from source at the
 * start into a directory that only a child loader of the application loader reads.
 */
class ContextClassLoaderTest {

  private static final String HIDDEN = "org.sparktune.hidden.HiddenLogisticRegression";
  private static final String HIDDEN_SOURCE = "package org.sparktune.hidden;\n"
      + "public class HiddenLogisticRegression\n"
      + "    extends org.apache.spark.ml.classification.LogisticRegression {\n"
      + "  public HiddenLogisticRegression(String uid) {\n"
      + "    super(uid);\n"
      + "  }\n"
      + "}\n";
  private static final String BROKEN = "org.sparktune.hidden.BrokenStage";
  private static final String BROKEN_SOURCE = "package org.sparktune.hidden;\n"
      + "public class BrokenStage {\n"
      + "  public static Object load(String path) throws java.io.IOException {\n"
      + "    throw new java.io.IOException(\"part-00000 is missing\");\n"
      + "  }\n"
      + "}\n";

  @TempDir
  static Path classes;

  private static URLClassLoader userJars;

  @BeforeAll
  static void compileTheUsersClasses() throws IOException {
    SparkTestSession.get();
    Path src = Files.createDirectories(classes.resolve("src/org/sparktune/hidden"));
    Path hidden = Files.writeString(src.resolve("HiddenLogisticRegression.java"), HIDDEN_SOURCE);
    Path broken = Files.writeString(src.resolve("BrokenStage.java"), BROKEN_SOURCE);
    Path out = Files.createDirectories(classes.resolve("out"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-proc:none", "-nowarn", "-classpath",
        System.getProperty("java.class.path"), "-d", out.toString(), hidden.toString(),
        broken.toString());
    assertEquals(0, rc, "the user's classes compile");
    userJars = new URLClassLoader(new URL[] {out.toUri().toURL()},
        ContextClassLoaderTest.class.getClassLoader());
  }

  @AfterAll
  static void close() throws IOException {
    userJars.close();
  }

  private static <T> T withContextLoader(ClassLoader loader, Callable<T> body) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return body.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static String saveSearchOverTheUsersEstimator(Path dir) throws Exception {
    LogisticRegression hidden = (LogisticRegression) userJars.loadClass(HIDDEN)
        .getConstructor(String.class).newInstance("hiddenLr");
    hidden.setMaxIter(7);
    HyperparameterSearch search = new HyperparameterSearch().setEstimator(hidden)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(hidden.regParam(), 1e-3, 1.0))
        .setMaxTrials(4);
    String path = dir.resolve("search").toString();
    search.save(path);
    return path;
  }

  @Test
  void aSearchLoadsAnEstimatorOnlyTheContextLoaderSees(@TempDir Path dir) throws Exception {
    String path = saveSearchOverTheUsersEstimator(dir);
    HyperparameterSearch loaded = withContextLoader(userJars,
        () -> HyperparameterSearch.load(path));
    Class<?> type = loaded.getEstimator().getClass();
    assertEquals(HIDDEN, type.getName());
    assertSame(userJars, type.getClassLoader());
    assertEquals(7, ((LogisticRegression) loaded.getEstimator()).getMaxIter());
    assertEquals("hiddenLr", loaded.getEstimator().uid());
    assertEquals(4, loaded.getMaxTrials());
    assertEquals("hiddenLr.regParam",
        loaded.getSearchSpace().paramRefs().get("regParam").toString());
  }

  @Test
  void aClassNoLoaderSeesFailsNamingTheJarToAdd(@TempDir Path dir) throws Exception {
    String path = saveSearchOverTheUsersEstimator(dir);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> withContextLoader(ContextClassLoaderTest.class.getClassLoader(),
            () -> HyperparameterSearch.load(path)));
    assertEquals("cannot load the stage saved at " + path + "/estimator: its class " + HIDDEN
        + " is not visible to this thread's context class loader (nor, when it has none, to"
        + " sparktune's); add the jar that defines " + HIDDEN + " to the session (spark.jars,"
        + " --jars, or the notebook's libraries) and load again.", e.getMessage());
  }

  @Test
  void withoutAContextLoaderSparktunesOwnLoaderResolves(@TempDir Path dir) throws Exception {
    LogisticRegression lr = new LogisticRegression().setMaxIter(3);
    String path = dir.resolve("search").toString();
    new HyperparameterSearch().setEstimator(lr).setMaxTrials(2).save(path);
    HyperparameterSearch loaded = withContextLoader(null, () -> HyperparameterSearch.load(path));
    assertTrue(loaded.getEstimator() instanceof LogisticRegression);
    assertEquals(3, ((LogisticRegression) loaded.getEstimator()).getMaxIter());
  }

  @Test
  void aSavedClassWithoutLoadFailsNamingWhatMllibCalls(@TempDir Path dir) throws Exception {
    String path = dir.resolve("search").toString();
    new HyperparameterSearch().setEstimator(new LogisticRegression()).save(path);
    SavedMetadata.edit(path + "/estimator", meta -> meta.put("class", "java.lang.Object"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> HyperparameterSearch.load(path));
    assertEquals("cannot load the java.lang.Object saved at " + path + "/estimator: the class"
        + " has no public static load(String), which MLlib persistence calls; give it one (a"
        + " companion object extending MLReadable in Scala) or load it yourself.",
        e.getMessage());
  }

  @Test
  void aCheckedFailureOfANestedLoadNamesTheStageAndTheCause(@TempDir Path dir)
      throws Exception {
    String path = dir.resolve("search").toString();
    new HyperparameterSearch().setEstimator(new LogisticRegression()).save(path);
    SavedMetadata.edit(path + "/estimator", meta -> meta.put("class", BROKEN));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> withContextLoader(userJars, () -> HyperparameterSearch.load(path)));
    assertEquals("cannot load the " + BROKEN + " saved at " + path + "/estimator: its"
        + " load(String) threw java.io.IOException: part-00000 is missing; fix what that names"
        + " (often a save cut short: save the stage again) and load again.", e.getMessage());
  }
}
