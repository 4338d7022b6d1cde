package org.sparktune.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds schedulers from their name and configuration, and reads and writes them as JSON: the
 * one place that knows every scheduler, so persistence, configs and provenance agree.
 */
public final class Schedulers {

  private static final ObjectMapper MAPPER = new ObjectMapper();
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
  public static String toJson(Scheduler scheduler) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", scheduler.name());
    json.put("config", scheduler.config());
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write scheduler " + scheduler, e);
    }
  }

  /** Reads what {@link #toJson} wrote. */
  public static Scheduler fromJson(String json) {
    try {
      Map<String, Object> map = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
      Object config = map.getOrDefault("config", Map.of());
      if (!(map.get("name") instanceof String name) || !(config instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("scheduler JSON " + json
            + " needs a string 'name' and an object 'config'; write it with Schedulers.toJson.");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> options = (Map<String, Object>) config;
      return fromConfig(name, options);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("scheduler JSON is not valid: " + e.getOriginalMessage()
          + "; write it with Schedulers.toJson.", e);
    }
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
