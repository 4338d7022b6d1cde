package org.sparktune.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What differs between two search spaces in their JSON form ({@code SearchSpace.toJson}):
 * each dimension or fixed value added, removed or changed, by name, in words. The stage uid a
 * dimension is bound to is left out, as {@link SpaceFingerprint} leaves it out.
 */
final class SpaceDiff {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpaceDiff() {}

  /** The differences from {@code before} to {@code now}; one line saying so when unreadable. */
  static List<String> of(String before, String now) {
    try {
      List<String> out = new ArrayList<>();
      JsonNode a = JSON.readTree(before);
      JsonNode b = JSON.readTree(now);
      for (String part : List.of("dimensions", "fixed")) {
        Map<String, JsonNode> was = byName(a.path(part));
        Map<String, JsonNode> is = byName(b.path(part));
        String kind = part.equals("fixed") ? "fixed value" : "dimension";
        for (Map.Entry<String, JsonNode> e : was.entrySet()) {
          JsonNode other = is.get(e.getKey());
          if (other == null) {
            out.add(kind + " '" + e.getKey() + "' was " + e.getValue() + " and is gone");
          } else if (!other.equals(e.getValue())) {
            out.add(kind + " '" + e.getKey() + "' was " + e.getValue() + " and is " + other);
          }
        }
        for (Map.Entry<String, JsonNode> e : is.entrySet()) {
          if (!was.containsKey(e.getKey())) {
            out.add(kind + " '" + e.getKey() + "' is new: " + e.getValue());
          }
        }
      }
      if (out.isEmpty()) {
        out.add("the spaces' JSON is the same but their fingerprints differ (recorded " + before
            + ")");
      }
      return out;
    } catch (JsonProcessingException e) {
      return List.of("the recorded space cannot be read (" + e.getOriginalMessage() + ")");
    }
  }

  private static Map<String, JsonNode> byName(JsonNode list) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode n : list) {
      JsonNode shown = n;
      if (n instanceof ObjectNode o) {
        // The stage a dimension is bound to has a uid of its session: not part of the space.
        shown = o.deepCopy().without("param");
      }
      out.put(n.path("name").asText(), shown);
    }
    return out;
  }
}
