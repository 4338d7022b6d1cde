package org.sparktune.schedule;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparktune.internal.NamedConfig;

/**
 * Builds schedulers from their name and configuration, and reads and writes them as JSON: the
 * one place that knows every scheduler, so persistence, configs and provenance agree.
 */
public final class Schedulers {

  private static final List<String> NAMES = List.of("fullBudget", "successiveHalving");

  private Schedulers() {}

  /** The scheduler called {@code name} with options {@code config}; unknown options fail. */
  public static Scheduler fromConfig(String name, Map<String, ?> config) {
    switch (name) {
      case "fullBudget":
        checkKeys(name, config, Set.of());
        return new FullBudget();
      case "successiveHalving":
        return halving(config);
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
