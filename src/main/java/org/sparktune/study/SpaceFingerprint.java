package org.sparktune.study;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sparktune.space.Dimension;
import org.sparktune.space.SearchSpace;

/**
 * A short stable fingerprint of a search space: its dimensions (names, distributions and
 * conditions, in order) and its fixed values. Two spaces with the same fingerprint propose the
 * same points; stage uids do not count, so a pipeline rebuilt in a new session keeps it.
 */
public final class SpaceFingerprint {

  private SpaceFingerprint() {}

  /** The first 12 hex digits of the SHA-256 of the space's canonical description. */
  public static String of(SearchSpace space) {
    StringBuilder text = new StringBuilder();
    for (Dimension d : space.dimensions()) {
      text.append(d).append('\n');
    }
    text.append(new java.util.TreeMap<>(space.fixedValues()));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
