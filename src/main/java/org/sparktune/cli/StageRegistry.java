package org.sparktune.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Params;

/**
 * Finds MLlib stages of one kind (estimators, evaluators) by class name or short alias, by
 * reflection: any class on the classpath that is a public, concrete subclass of the kind with a
 * public {@code (String uid)} constructor. The known ones, for aliases and "did you mean", are
 * those the classpath registers for Spark's {@code ServiceLoader} ({@code
 * META-INF/services/<kind>}: MLlib's own, sparktune's, a library's), read as names without
 * loading them. An alias is a class's simple name, any case: {@code LogisticRegression},
 * {@code logisticRegression}.
 *
 * @param <T> the kind
 */
final class StageRegistry<T extends Params> {

  private final Class<T> kind;
  private final String what;
  private final Map<String, String> known = new LinkedHashMap<>();

  private StageRegistry(Class<T> kind, String what) {
    this.kind = kind;
    this.what = what;
    for (String name : registered(kind)) {
      known.putIfAbsent(name.substring(name.lastIndexOf('.') + 1), name);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static StageRegistry<Estimator<?>> estimators() {
    return new StageRegistry(Estimator.class, "an Estimator");
  }

  static StageRegistry<Evaluator> evaluators() {
    return new StageRegistry<>(Evaluator.class, "an Evaluator");
  }

  /** Short names of the registered stages of this kind, in registration order. */
  List<String> aliases() {
    return new ArrayList<>(known.keySet());
  }

  /** The class called {@code name} (full name or alias); {@code key} names the config key. */
  Class<? extends T> find(String name, String key) {
    String className = name.contains(".") ? name : alias(name);
    if (className == null) {
      throw CliFailure.config("'" + key + "' names '" + name + "', which is not " + what
          + " this classpath knows." + Suggestions.didYouMean(name, known.keySet())
          + " The " + what.substring(what.indexOf(' ') + 1) + "s are " + known.keySet()
          + ", or give a full class name.");
    }
    Class<?> c;
    try {
      c = Class.forName(className, false, loader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw CliFailure.config("'" + key + "' names class " + className + ", which is not on"
          + " the classpath; check the name, or add its jar (spark-submit --jars).");
    }
    if (!kind.isAssignableFrom(c)) {
      String is = Transformer.class.isAssignableFrom(c) ? "a Transformer"
          : Estimator.class.isAssignableFrom(c) ? "an Estimator"
          : Evaluator.class.isAssignableFrom(c) ? "an Evaluator" : "of another kind";
      throw CliFailure.config("'" + key + "' names " + className + ", which is " + is + ", not "
          + what + "; give one of " + known.keySet() + " or another " + kind.getSimpleName()
          + " class.");
    }
    if (Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
      throw CliFailure.config("'" + key + "' names " + className + ", which is abstract or not"
          + " public; give a concrete class, e.g. one of " + known.keySet() + ".");
    }
    @SuppressWarnings("unchecked")
    Class<? extends T> typed = (Class<? extends T>) c;
    return typed;
  }

  /** A new instance of {@code name} with uid {@code uid}. */
  T create(String name, String uid, String key) {
    Class<? extends T> c = find(name, key);
    try {
      return c.getConstructor(String.class).newInstance(uid);
    } catch (NoSuchMethodException e) {
      throw CliFailure.config("'" + key + "' names " + c.getName() + ", which has no public"
          + " (String uid) constructor as MLlib stages do; give an MLlib-style stage.");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + c.getName() + ": " + e, e);
    }
  }

  private String alias(String name) {
    for (Map.Entry<String, String> e : known.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : StageRegistry.class.getClassLoader();
  }

  /** The class names in every {@code META-INF/services/<kind>} on the classpath. */
  private static List<String> registered(Class<?> kind) {
    List<String> out = new ArrayList<>();
    try {
      Enumeration<URL> files = loader().getResources("META-INF/services/" + kind.getName());
      while (files.hasMoreElements()) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            files.nextElement().openStream(), StandardCharsets.UTF_8))) {
          in.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
              .forEach(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the " + kind.getSimpleName()
          + " classes of the classpath", e);
    }
    return out;
  }

  @Override
  public String toString() {
    return kind.getSimpleName().toLowerCase(Locale.ROOT) + "s " + known.keySet();
  }
}
