package org.sparktune.internal;

import java.util.List;

/**
 * The errors of saving and loading stages: each names what failed, why, and how to fix it.
 * Bad input (a path holding something else, a format this build cannot read) is an
 * {@link IllegalArgumentException}; a stage whose class cannot be found or called is an
 * {@link IllegalStateException}.
 */
public final class PersistenceErrors {

  private PersistenceErrors() {}

  /** The metadata at {@code path} names another class than the one asked to load it. */
  public static IllegalArgumentException wrongClass(String path, String found,
      String expected) {
    return new IllegalArgumentException("the stage saved at " + path + " is a " + found
        + ", not a " + expected + "; load it with " + found + ".load(path).");
  }

  /** The metadata at {@code path} was written in a format this build does not read. */
  public static IllegalArgumentException unknownFormat(String path, String className,
      String found, List<Integer> readable, String writtenBy) {
    String by = writtenBy.isEmpty()
        ? "the sparktune version that wrote it (its metadata does not record which)"
        : "sparktune " + writtenBy + ", the version that wrote it (sparktuneVersion in "
            + path + "/metadata)";
    return new IllegalArgumentException("cannot load the " + className + " saved at " + path
        + ": its metadata has formatVersion " + found + ", but this sparktune ("
        + Versions.library() + ") reads formatVersion " + joined(readable)
        + " only; load it with " + by + ".");
  }

  /** A nested stage cannot be saved because its class is not {@code MLWritable}. */
  public static IllegalArgumentException notWritable(String role, Object stage) {
    return new IllegalArgumentException("the " + role + " " + stage + " cannot be saved: its"
        + " class " + stage.getClass().getName() + " is not MLWritable; save the pieces"
        + " yourself or use a writable " + role + ".");
  }

  /** The class a saved stage names is visible to neither class loader asked. */
  public static IllegalStateException classNotFound(String path, String className,
      Throwable cause) {
    return new IllegalStateException("cannot load the stage saved at " + path + ": its class "
        + className + " is not visible to this thread's context class loader (nor, when it has"
        + " none, to sparktune's); add the jar that defines " + className + " to the session"
        + " (spark.jars, --jars, or the notebook's libraries) and load again.", cause);
  }

  /** The class a saved stage names has no {@code public static load(String)}. */
  public static IllegalStateException noLoadMethod(String path, String className,
      Throwable cause) {
    return new IllegalStateException("cannot load the " + className + " saved at " + path
        + ": the class has no public static load(String), which MLlib persistence calls; give"
        + " it one (a companion object extending MLReadable in Scala) or load it yourself.",
        cause);
  }

  /** Loading a nested stage threw a checked exception (unchecked ones pass through). */
  public static IllegalStateException loadFailed(String path, String className,
      Throwable cause) {
    return new IllegalStateException("cannot load the " + className + " saved at " + path
        + ": its load(String) threw " + cause + "; fix what that names (often a save cut short:"
        + " save the stage again) and load again.", cause);
  }

  private static String joined(List<Integer> versions) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < versions.size(); i++) {
      out.append(i == 0 ? "" : i == versions.size() - 1 ? " or " : ", ").append(versions.get(i));
    }
    return out.toString();
  }
}
