package org.sparktune.split;

/**
 * The smallest data fraction at which every fold still trains on every class: below it, the
 * training rows {@code u < f} of fold {@code fold} hold no row of class {@code labelClass}.
 * Any fraction from {@code fraction} to 1 keeps every class in every fold's training rows.
 *
 * @param fraction the smallest workable fraction, in (0, 1]; above 1 (infinite) when some fold
 *     trains on no row of the class at any fraction
 * @param labelClass the class that binds, as text (e.g. {@code "1.0"})
 * @param fold the fold whose training rows lose that class first
 */
public record FractionFloor(double fraction, String labelClass, int fold) {}
