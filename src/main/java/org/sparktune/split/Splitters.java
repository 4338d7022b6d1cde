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
          k.setNumFolds(numFolds(name, config.get("numFolds")));
        }
        return k;
      case "stratifiedKFold":
        check(name, config, Set.of("numFolds", "labelCol"));
        StratifiedKFold s = new StratifiedKFold();
        if (config.containsKey("numFolds")) {
          s.setNumFolds(numFolds(name, config.get("numFolds")));
        }
        if (config.containsKey("labelCol")) {
          s.setLabelCol(text(name, "labelCol", config.get("labelCol")));
        }
        return s;
      case "holdout":
        check(name, config, Set.of("validationRatio", "labelCol"));
        Holdout h = new Holdout();
        if (config.containsKey("validationRatio")) {
          h.setValidationRatio(ratio(name, config.get("validationRatio")));
        }
        if (config.containsKey("labelCol")) {
          h.setLabelCol(text(name, "labelCol", config.get("labelCol")));
        }
        return h;
      case "foldColumn":
        check(name, config, Set.of("numFolds", "foldCol"));
        FoldColumn f = new FoldColumn();
        if (config.containsKey("numFolds")) {
          f.setNumFolds(numFolds(name, config.get("numFolds")));
        }
        if (config.containsKey("foldCol")) {
          f.setFoldCol(text(name, "foldCol", config.get("foldCol")));
        }
        return f;
      case "timeSeriesSplit":
        check(name, config, Set.of("timeCol", "groupCol", "numFolds", "testSize", "gap",
            "maxTrainSize"));
        TimeSeriesSplit t = new TimeSeriesSplit();
        if (config.containsKey("timeCol")) {
          t.setTimeCol(text(name, "timeCol", config.get("timeCol")));
        }
        if (config.containsKey("groupCol")) {
          t.setGroupCol(text(name, "groupCol", config.get("groupCol")));
        }
        if (config.containsKey("numFolds")) {
          t.setNumFolds(numFolds(name, config.get("numFolds")));
        }
        if (config.containsKey("testSize")) {
          t.setTestSize(rows(name, "testSize", config.get("testSize")));
        }
        if (config.containsKey("gap")) {
          t.setGap(rows(name, "gap", config.get("gap")));
        }
        if (config.containsKey("maxTrainSize")) {
          t.setMaxTrainSize(rows(name, "maxTrainSize", config.get("maxTrainSize")));
        }
        return t;
      case "timeBasedSplit":
        check(name, config, Set.of("timeCol", "groupCol", "numFolds", "horizon", "gap",
            "trainWindow", "cutoffs"));
        TimeBasedSplit b = new TimeBasedSplit();
        if (config.containsKey("timeCol")) {
          b.setTimeCol(text(name, "timeCol", config.get("timeCol")));
        }
        if (config.containsKey("groupCol")) {
          b.setGroupCol(text(name, "groupCol", config.get("groupCol")));
        }
        if (config.containsKey("numFolds")) {
          b.setNumFolds(numFolds(name, config.get("numFolds")));
        }
        if (config.containsKey("horizon")) {
          b.setHorizon(text(name, "horizon", config.get("horizon")));
        }
        if (config.containsKey("gap")) {
          b.setGap(text(name, "gap", config.get("gap")));
        }
        if (config.containsKey("trainWindow")) {
          b.setTrainWindow(text(name, "trainWindow", config.get("trainWindow")));
        }
        if (config.containsKey("cutoffs")) {
          b.setCutoffs(cutoffs(name, config.get("cutoffs")));
        }
        return b;
      case "groupKFold":
        check(name, config, Set.of("numFolds", "groupCol"));
        GroupKFold g = new GroupKFold();
        if (config.containsKey("numFolds")) {
          g.setNumFolds(numFolds(name, config.get("numFolds")));
        }
        if (config.containsKey("groupCol")) {
          g.setGroupCol(text(name, "groupCol", config.get("groupCol")));
        }
        return g;
      case "stratifiedGroupKFold":
        check(name, config, Set.of("numFolds", "groupCol", "labelCol"));
        StratifiedGroupKFold sg = new StratifiedGroupKFold();
        if (config.containsKey("numFolds")) {
          sg.setNumFolds(numFolds(name, config.get("numFolds")));
        }
        if (config.containsKey("groupCol")) {
          sg.setGroupCol(text(name, "groupCol", config.get("groupCol")));
        }
        if (config.containsKey("labelCol")) {
          sg.setLabelCol(text(name, "labelCol", config.get("labelCol")));
        }
        return sg;
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

  private static int numFolds(String name, Object value) {
    String range = "from 2 to " + Integer.MAX_VALUE;
    if (!(value instanceof Number n)) {
      throw SplitErrors.optionNotNumber(name, "numFolds", value, range, "5");
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < 2 || d > Integer.MAX_VALUE) {
      throw SplitErrors.optionNotWhole(name, "numFolds", value, range);
    }
    return (int) d;
  }

  private static long rows(String name, String key, Object value) {
    String range = "of 0 or more";
    if (!(value instanceof Number n)) {
      throw SplitErrors.optionNotNumber(name, key, value, range, "0");
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < 0 || d > Long.MAX_VALUE) {
      throw SplitErrors.optionNotWhole(name, key, value, range);
    }
    return (long) d;
  }

  /** Cut-offs as a list of strings or one comma-separated string. */
  private static String[] cutoffs(String name, Object value) {
    if (value instanceof String s) {
      return s.split("\\s*,\\s*");
    }
    if (value instanceof java.util.List<?> list
        && list.stream().allMatch(v -> v instanceof String)) {
      return list.stream().map(String.class::cast).toArray(String[]::new);
    }
    throw SplitErrors.optionNotText(name, "cutoffs", value);
  }

  private static double ratio(String name, Object value) {
    if (!(value instanceof Number n)) {
      throw SplitErrors.optionNotNumber(name, "validationRatio", value,
          "strictly between 0 and 1", "0.2");
    }
    return n.doubleValue();
  }

  private static String text(String name, String key, Object value) {
    if (!(value instanceof String s)) {
      throw SplitErrors.optionNotText(name, key, value);
    }
    return s;
  }
}
