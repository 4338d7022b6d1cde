package org.sparktune.search;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparktune.internal.NamedConfig;

/**
 * Builds samplers from their name and configuration, and reads and writes them as JSON: the
 * one place that knows every sampler, so persistence, configs and provenance agree.
 */
public final class Samplers {

  private static final List<String> NAMES = List.of("gp", "grid", "qmc", "random", "tpe");

  private Samplers() {}

  /** The sampler called {@code name} with options {@code config}; unknown options fail. */
  public static Sampler fromConfig(String name, Map<String, ?> config) {
    switch (name) {
      case "random":
        checkKeys(name, config, Set.of());
        return new RandomSampler();
      case "qmc":
        checkKeys(name, config, Set.of());
        return new QmcSampler();
      case "tpe":
        return tpe(config);
      case "gp":
        return gp(config);
      case "grid":
        checkKeys(name, config, Set.of("gridPoints", "gridPointsByName"));
        GridSampler grid = new GridSampler();
        if (config.containsKey("gridPoints")) {
          grid.setGridPoints(intOption(name, "gridPoints", config.get("gridPoints")));
        }
        if (config.get("gridPointsByName") instanceof Map<?, ?> per) {
          per.forEach((k, v) -> grid.setGridPoints(String.valueOf(k),
              intOption(name, "gridPointsByName." + k, v)));
        } else if (config.containsKey("gridPointsByName")) {
          throw SearchErrors.badOption(name, "gridPointsByName", config.get("gridPointsByName"),
              "an object of dimension name to number of points");
        }
        return grid;
      default:
        throw SearchErrors.unknownSampler(name, NAMES);
    }
  }

  /** {@code {"name": ..., "config": {...}}}. */
  public static String toJson(Sampler value) {
    return NamedConfig.toJson("sampler", value.name(), value.config());
  }

  /** Reads what {@link #toJson} wrote. */
  public static Sampler fromJson(String json) {
    NamedConfig parsed = NamedConfig.parse("sampler", "Samplers.toJson", json);
    return fromConfig(parsed.name(), parsed.config());
  }


  private static Sampler tpe(Map<String, ?> config) {
    String name = "tpe";
    checkKeys(name, config, Set.of("startupTrials", "candidates", "gamma", "maxGood",
        "priorWeight", "multivariate", "constantLiar", "normalizedKernels"));
    TpeSampler tpe = new TpeSampler();
    config.forEach((key, value) -> {
      switch (key) {
        case "startupTrials" -> tpe.setStartupTrials(intOption(name, key, value));
        case "candidates" -> tpe.setCandidates(intOption(name, key, value));
        case "maxGood" -> tpe.setMaxGood(intOption(name, key, value));
        case "gamma" -> tpe.setGamma(doubleOption(name, key, value));
        case "priorWeight" -> tpe.setPriorWeight(doubleOption(name, key, value));
        case "multivariate" -> tpe.setMultivariate(booleanOption(name, key, value));
        case "normalizedKernels" ->
            tpe.setNormalizedKernels(booleanOption(name, key, value));
        default -> tpe.setConstantLiar(booleanOption(name, key, value));
      }
    });
    return tpe;
  }

  private static Sampler gp(Map<String, ?> config) {
    String name = "gp";
    checkKeys(name, config, Set.of("startupTrials", "candidates", "restarts", "warpTargets"));
    GpSampler gp = new GpSampler();
    config.forEach((key, value) -> {
      switch (key) {
        case "startupTrials" -> gp.setStartupTrials(intOption(name, key, value));
        case "candidates" -> gp.setCandidates(intOption(name, key, value));
        case "warpTargets" -> gp.setWarpTargets(booleanOption(name, key, value));
        default -> gp.setRestarts(intOption(name, key, value));
      }
    });
    return gp;
  }

  private static double doubleOption(String sampler, String key, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw SearchErrors.badOption(sampler, key, value, "a number");
  }

  private static boolean booleanOption(String sampler, String key, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw SearchErrors.badOption(sampler, key, value, "true or false");
  }

  private static void checkKeys(String name, Map<String, ?> config, Set<String> known) {
    for (String key : config.keySet()) {
      if (!known.contains(key)) {
        throw SearchErrors.unknownOption(name, key, known);
      }
    }
  }

  private static int intOption(String sampler, String key, Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw SearchErrors.badOption(sampler, key, value, "a whole number");
  }
}
