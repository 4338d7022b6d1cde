package org.sparktune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a study config file, YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}), into
 * one Jackson tree, and applies {@code --set key.path=value} overrides to it before it is read.
 */
final class ConfigFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private ConfigFiles() {}

  /** The tree of {@code file} with {@code overrides} applied, in order. */
  static JsonNode read(Path file, List<String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw CliFailure.config("config file " + file + " does not exist" + (Files.exists(file)
          ? " as a file" : "") + "; give the path of a study config (YAML or JSON), e.g."
          + " --config test-data/adult-study.yaml.");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    JsonNode root;
    try {
      String text = Files.readString(file);
      root = name.endsWith(".json") ? JSON.readTree(text) : YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw CliFailure.config("config " + file + " is not valid " + (name.endsWith(".json")
          ? "JSON" : "YAML") + ": " + e.getOriginalMessage().replace('\n', ' ')
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ".");
    } catch (IOException e) {
      throw CliFailure.config("config file " + file + " cannot be read: " + e.getMessage()
          + "; check its permissions.");
    }
    if (root == null || !root.isObject()) {
      throw CliFailure.config("config " + file + " must hold an object of keys (input, label,"
          + " estimator, space, …) but holds " + (root == null ? "nothing" : root) + ".");
    }
    for (String override : overrides) {
      apply((ObjectNode) root, override);
    }
    return root;
  }

  /**
   * Sets {@code key.path=value} in {@code root}: the value is read as YAML (so {@code 5} is a
   * number, {@code [a, b]} a list, {@code abc} text); objects on the path are created, a number
   * on the path indexes a list.
   */
  static void apply(ObjectNode root, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw CliFailure.config("--set " + override + " is not key.path=value; e.g. --set"
          + " budget.maxTrials=20.");
    }
    String[] keys = override.substring(0, eq).split("\\.");
    JsonNode value = scalar(override.substring(eq + 1));
    JsonNode at = root;
    for (int i = 0; i < keys.length; i++) {
      String key = keys[i];
      boolean last = i == keys.length - 1;
      if (at instanceof ArrayNode list) {
        int index = index(override, key, list);
        if (last) {
          list.set(index, value);
        } else {
          at = list.get(index);
        }
      } else if (at instanceof ObjectNode object) {
        if (last) {
          object.set(key, value);
        } else {
          JsonNode next = object.get(key);
          at = next != null && next.isContainerNode() ? next : object.putObject(key);
        }
      }
    }
  }

  private static int index(String override, String key, ArrayNode list) {
    try {
      int index = Integer.parseInt(key);
      if (index >= 0 && index < list.size()) {
        return index;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw CliFailure.config("--set " + override + ": '" + key + "' is not an index of a list of "
        + list.size() + "; give a number from 0 to " + (list.size() - 1) + ".");
  }

  private static JsonNode scalar(String text) {
    try {
      JsonNode v = YAML.readTree(text);
      return v == null || v.isMissingNode() ? TextNode.valueOf(text) : v;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }
}
