package org.sparktune.split;

import java.util.Map;

/** Placeholder until the split package lands; replaced on merge. */
public final class Splitters {
  private Splitters() {}

  public static Splitter fromConfig(String name, Map<String, Object> config) {
    throw new UnsupportedOperationException(name + config);
  }
}
