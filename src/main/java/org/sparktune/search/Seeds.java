package org.sparktune.search;

/** Derives independent seeds from a study seed, so no randomness is ever unseeded or shared. */
public final class Seeds {

  private Seeds() {}

  /** The seed of trial {@code number} of a study seeded with {@code studySeed}. */
  public static long derive(long studySeed, long number) {
    return mix64(studySeed + 0x9E3779B97F4A7C15L * (number + 1));
  }

  /** SplitMix64's finaliser: a bijective mix of all 64 bits. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
