package org.sparktune.schedule;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparktune.internal.NamedConfig;

/**
 * Builds schedulers from their name and configuration, and reads and writes them as JSON: the
 * one place that knows every scheduler, so persistence, configs and provenance agree.
 */
public final class Schedulers {

  private static final List<String> NAMES = List.of("fullBudget", "successiveHalving",
      "hyperband", "asha", "multiFidelity", "medianStopping", "thresholdStopping");

  /** The options every scheduler with a ladder of data fractions takes. */
  private static final Set<String> LADDER = Set.of("minFraction", "maxFraction",
      "reductionFactor", "modelMinReports");

  private Schedulers() {}

  /** The scheduler called {@code name} with options {@code config}; unknown options fail. */
  public static Scheduler fromConfig(String name, Map<String, ?> config) {
    switch (name) {
      case "fullBudget":
        checkKeys(name, config, Set.of());
        return new FullBudget();
      case "successiveHalving":
        return halving(config);
      case "hyperband":
        return hyperband(config);
      case "asha":
        return asha(config);
      case "multiFidelity":
        return multiFidelity(config);
      case "medianStopping":
        return median(config);
      case "thresholdStopping":
        return threshold(config);
      default:
        throw ScheduleErrors.unknownScheduler(name, NAMES);
    }
  }

  /** {@code {"name": ..., "config": {...}}}. */
  public static String toJson(Scheduler value) {
    return NamedConfig.toJson("scheduler", value.name(), value.config());
  }

  /** Reads what {@link #toJson} wrote. */
  public static Scheduler fromJson(String json) {
    NamedConfig parsed = NamedConfig.parse("scheduler", "Schedulers.toJson", json);
    return fromConfig(parsed.name(), parsed.config());
  }

  private static Scheduler halving(Map<String, ?> config) {
    String name = "successiveHalving";
    checkKeys(name, config, Set.of("candidates", "reductionFactor", "minFraction",
        "maxFraction", "aggressiveElimination"));
    SuccessiveHalving sh = new SuccessiveHalving();
    config.forEach((key, value) -> {
      switch (key) {
        case "candidates" -> sh.setCandidates(wholeOption(name, key, value));
        case "reductionFactor" -> sh.setReductionFactor(numberOption(name, key, value));
        case "minFraction" -> sh.setMinFraction(numberOption(name, key, value));
        case "maxFraction" -> sh.setMaxFraction(numberOption(name, key, value));
        default -> sh.setAggressiveElimination(booleanOption(name, key, value));
      }
    });
    return sh;
  }

  private static Scheduler hyperband(Map<String, ?> config) {
    String name = "hyperband";
    checkKeys(name, config, LADDER);
    Hyperband h = new Hyperband();
    config.forEach((key, value) -> {
      switch (key) {
        case "minFraction" -> h.setMinFraction(numberOption(name, key, value));
        case "maxFraction" -> h.setMaxFraction(numberOption(name, key, value));
        case "reductionFactor" -> h.setReductionFactor(numberOption(name, key, value));
        default -> h.setModelMinReports(wholeOption(name, key, value));
      }
    });
    return h;
  }

  private static Scheduler asha(Map<String, ?> config) {
    String name = "asha";
    checkKeys(name, config, LADDER);
    Asha a = new Asha();
    config.forEach((key, value) -> {
      switch (key) {
        case "minFraction" -> a.setMinFraction(numberOption(name, key, value));
        case "maxFraction" -> a.setMaxFraction(numberOption(name, key, value));
        case "reductionFactor" -> a.setReductionFactor(numberOption(name, key, value));
        default -> a.setModelMinReports(wholeOption(name, key, value));
      }
    });
    return a;
  }

  private static Scheduler multiFidelity(Map<String, ?> config) {
    String name = "multiFidelity";
    checkKeys(name, config, LADDER);
    MultiFidelity m = new MultiFidelity();
    config.forEach((key, value) -> {
      switch (key) {
        case "minFraction" -> m.setMinFraction(numberOption(name, key, value));
        case "maxFraction" -> m.setMaxFraction(numberOption(name, key, value));
        case "reductionFactor" -> m.setReductionFactor(numberOption(name, key, value));
        default -> m.setModelMinReports(wholeOption(name, key, value));
      }
    });
    return m;
  }

  private static Scheduler median(Map<String, ?> config) {
    String name = "medianStopping";
    checkKeys(name, config, union(LADDER, "minTrials", "startupTrials"));
    MedianStopping m = new MedianStopping();
    config.forEach((key, value) -> {
      switch (key) {
        case "minFraction" -> m.setMinFraction(numberOption(name, key, value));
        case "maxFraction" -> m.setMaxFraction(numberOption(name, key, value));
        case "reductionFactor" -> m.setReductionFactor(numberOption(name, key, value));
        case "minTrials" -> m.setMinTrials((int) Math.max(Integer.MIN_VALUE,
            Math.min(Integer.MAX_VALUE, wholeOption(name, key, value))));
        case "startupTrials" -> m.setStartupTrials(wholeOption(name, key, value));
        default -> m.setModelMinReports(wholeOption(name, key, value));
      }
    });
    return m;
  }

  private static Scheduler threshold(Map<String, ?> config) {
    String name = "thresholdStopping";
    checkKeys(name, config, union(LADDER, "threshold"));
    ThresholdStopping t = new ThresholdStopping();
    config.forEach((key, value) -> {
      switch (key) {
        case "minFraction" -> t.setMinFraction(numberOption(name, key, value));
        case "maxFraction" -> t.setMaxFraction(numberOption(name, key, value));
        case "reductionFactor" -> t.setReductionFactor(numberOption(name, key, value));
        case "threshold" -> t.setThreshold(numberOption(name, key, value));
        default -> t.setModelMinReports(wholeOption(name, key, value));
      }
    });
    return t;
  }

  private static Set<String> union(Set<String> base, String... more) {
    Set<String> out = new HashSet<>(base);
    out.addAll(List.of(more));
    return out;
  }

  private static void checkKeys(String name, Map<String, ?> config, Set<String> known) {
    for (String key : config.keySet()) {
      if (!known.contains(key)) {
        throw ScheduleErrors.unknownOption(name, key, known);
      }
    }
  }

  private static double numberOption(String scheduler, String key, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw ScheduleErrors.badOption(scheduler, key, value, "a number");
  }

  private static long wholeOption(String scheduler, String key, Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < Long.MAX_VALUE) {
      return n.longValue();
    }
    throw ScheduleErrors.badOption(scheduler, key, value, "a whole number");
  }

  private static boolean booleanOption(String scheduler, String key, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw ScheduleErrors.badOption(scheduler, key, value, "true or false");
  }
}
