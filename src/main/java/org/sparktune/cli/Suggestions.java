package org.sparktune.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The nearest name to a misspelt one, by Levenshtein distance, for "did you mean" hints. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The name of {@code known} nearest to {@code typed} (case ignored), if it is within a third
   * of the longer name's length plus one edit; else a known name that starts the typed one or
   * starts with it ({@code maxIterations}: {@code maxIter}); otherwise empty.
   */
  static Optional<String> nearest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String a = typed.toLowerCase(Locale.ROOT);
    for (String k : known) {
      int d = distance(a, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(typed.length(), best.length()) / 3 + 1) {
      return Optional.of(best);
    }
    for (String k : known) {
      String b = k.toLowerCase(Locale.ROOT);
      if (b.length() >= 3 && a.length() >= 3 && (a.startsWith(b) || b.startsWith(a))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** " Did you mean 'x'?" or empty text. */
  static String didYouMean(String typed, Collection<String> known) {
    return nearest(typed, known).map(k -> " Did you mean '" + k + "'?").orElse("");
  }

  /** The edit distance between {@code a} and {@code b}: inserts, deletes and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
