package org.sparktune.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --option value} pairs of a benchmark's command line. */
final class Options {

  private Options() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got "
            + Arrays.toString(args));
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
