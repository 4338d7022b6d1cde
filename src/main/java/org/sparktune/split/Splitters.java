package org.sparktune.split;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sparktune.internal.NamedConfig;

/** Builds splitters from their name and configuration: the JSON and config codec. */
public final class Splitters {

  private Splitters() {}

  /** {@code {"name": ..., "config": {...}}}. */
  public static String toJson(Splitter value) {
    return NamedConfig.toJson("splitter", value.name(), value.config());
  }

  /** Reads what {@link #toJson} wrote. */
  public static Splitter fromJson(String json) {
    NamedConfig parsed = NamedConfig.parse("splitter", "Splitters.toJson", json);
    return fromConfig(parsed.name(), parsed.config());
  }


  /** The splitter called {@code name} ({@link Splitter#name}) with {@code config}. */
  public static Splitter fromConfig(String name, Map<String, ?> config) {
    switch (name) {
      case "kFold":
        check(name, config, Set.of("numFolds"));
        KFold k = new KFold();
        if (config.containsKey("numFolds")) {
          k.setNumFolds(whole(config.get("numFolds")));
        }
        return k;
      case "stratifiedKFold":
        check(name, config, Set.of("numFolds", "labelCol"));
        StratifiedKFold s = new StratifiedKFold();
        if (config.containsKey("numFolds")) {
          s.setNumFolds(whole(config.get("numFolds")));
        }
        if (config.containsKey("labelCol")) {
          s.setLabelCol(String.valueOf(config.get("labelCol")));
        }
        return s;
      case "holdout":
        check(name, config, Set.of("validationRatio", "labelCol"));
        Holdout h = new Holdout();
        if (config.containsKey("validationRatio")) {
          h.setValidationRatio(((Number) config.get("validationRatio")).doubleValue());
        }
        if (config.containsKey("labelCol")) {
          h.setLabelCol(String.valueOf(config.get("labelCol")));
        }
        return h;
      case "foldColumn":
        check(name, config, Set.of("numFolds", "foldCol"));
        FoldColumn f = new FoldColumn();
        if (config.containsKey("numFolds")) {
          f.setNumFolds(whole(config.get("numFolds")));
        }
        if (config.containsKey("foldCol")) {
          f.setFoldCol(String.valueOf(config.get("foldCol")));
        }
        return f;
      default:
        throw SplitErrors.unknownSplitter(name);
    }
  }

  private static void check(String name, Map<String, ?> config, Set<String> known) {
    for (String key : config.keySet()) {
      if (!known.contains(key)) {
        throw SplitErrors.unknownOption(name, key, new TreeSet<>(known).toString());
      }
    }
  }

  private static int whole(Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("numFolds is " + value + "; it must be a whole number.");
  }
}
