package org.sparktune.schedule;

/**
 * What a trial reported at one rung, as a scheduler sees it.
 *
 * @param rung the rung's index
 * @param fraction the data fraction it ran on
 * @param loss the objective turned so that smaller is better
 */
public record RungReport(int rung, double fraction, double loss) {}
