package org.sparktune.schedule;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparktune.internal.NamedConfig;

/**
 * Builds fidelities from their name and configuration, and reads and writes them as JSON
 * ({@code {"name": "iterations", "config": {"param": "maxIter", "maxValue": 81, "minValue":
 * 1}}}), as {@link Schedulers} does for schedulers.
 */
public final class Fidelities {

  private static final List<String> NAMES = List.of("dataFraction", "iterations");

  private Fidelities() {}

  /** The fidelity called {@code name} with options {@code config}; unknown options fail. */
  public static Fidelity fromConfig(String name, Map<String, ?> config) {
    switch (name) {
      case "dataFraction":
        checkKeys(name, config, Set.of());
        return new DataFraction();
      case "iterations":
        return iterations(config);
      default:
        throw ScheduleErrors.unknownFidelity(name, NAMES);
    }
  }

  /** {@code {"name": ..., "config": {...}}}. */
  public static String toJson(Fidelity value) {
    return NamedConfig.toJson("fidelity", value.name(), value.config());
  }

  /** Reads what {@link #toJson} wrote. */
  public static Fidelity fromJson(String json) {
    NamedConfig parsed = NamedConfig.parse("fidelity", "Fidelities.toJson", json);
    return fromConfig(parsed.name(), parsed.config());
  }

  private static Fidelity iterations(Map<String, ?> config) {
    String name = "iterations";
    checkKeys(name, config, Set.of("param", "maxValue", "minValue"));
    if (!(config.get("param") instanceof String param)) {
      throw ScheduleErrors.badFidelityOption(name, "param", config.get("param"),
          "the name of an integer param of the estimator, e.g. \"maxIter\"");
    }
    if (!config.containsKey("maxValue")) {
      throw ScheduleErrors.badFidelityOption(name, "maxValue", null,
          "the param's value at full budget, e.g. 100");
    }
    int max = intOption(name, "maxValue", config.get("maxValue"));
    int min = config.containsKey("minValue") ? intOption(name, "minValue",
        config.get("minValue")) : 1;
    return new Iterations(param, max, min);
  }

  private static void checkKeys(String name, Map<String, ?> config, Set<String> known) {
    for (String key : config.keySet()) {
      if (!known.contains(key)) {
        throw ScheduleErrors.unknownFidelityOption(name, key, known);
      }
    }
  }

  private static int intOption(String fidelity, String key, Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw ScheduleErrors.badFidelityOption(fidelity, key, value, "a whole number");
  }
}
