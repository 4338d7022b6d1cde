package org.sparktune.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peak of cached bytes (memory + disk, every cached RDD) over one measured window.
 *
 * @param baselineBytes cached when the window began
 * @param peakBytes the most cached at any moment of the window, baseline included
 * @param peakAtMillis when the peak was first reached, from the window's start
 * @param atPeak the cached RDDs at that moment, largest first
 */
record CachePeak(long baselineBytes, long peakBytes, long peakAtMillis, List<CachedRdd> atPeak) {

  /** One cached RDD: its id, name, where it was created, and its memory + disk bytes. */
  record CachedRdd(int id, String name, String callSite, long bytes) {

    /** Names and call sites on one line, at most 160 characters. */
    CachedRdd {
      name = oneLine(name);
      callSite = oneLine(callSite);
    }

    private static String oneLine(String s) {
      String flat = s == null ? "" : s.replaceAll("\\s+", " ").trim();
      return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
    }
  }

  /** The peak above the baseline: what the measured code added. */
  long peakAboveBaseline() {
    return peakBytes - baselineBytes;
  }

  /** The RDDs at the peak grouped by call site: how many and their bytes, largest first. */
  Map<String, Map<String, Long>> byCallSite() {
    Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
    for (CachedRdd r : atPeak) {
      Map<String, Long> g = groups.computeIfAbsent(r.callSite(), k -> new LinkedHashMap<>());
      g.merge("rdds", 1L, Long::sum);
      g.merge("bytes", r.bytes(), Long::sum);
    }
    Map<String, Map<String, Long>> sorted = new LinkedHashMap<>();
    groups.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().get("bytes"), a.getValue().get("bytes")))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** As JSON-ready maps, keeping the {@code top} largest RDDs. */
  Map<String, Object> toJson(int top) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("baselineBytes", baselineBytes);
    out.put("peakBytes", peakBytes);
    out.put("peakAboveBaselineBytes", peakAboveBaseline());
    out.put("peakAtMillis", peakAtMillis);
    out.put("cachedRddsAtPeak", atPeak.size());
    out.put("byCallSiteAtPeak", byCallSite());
    out.put("topRddsAtPeak", atPeak.subList(0, Math.min(top, atPeak.size())).stream()
        .map(r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", r.id());
          m.put("bytes", r.bytes());
          m.put("callSite", r.callSite());
          m.put("name", r.name());
          return m;
        }).toList());
    return out;
  }
}
