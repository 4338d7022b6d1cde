package org.sparktune.search;

import java.util.List;
import org.sparktune.space.Dimension;

/**
 * Everything a sampler may use to propose one trial.
 *
 * @param dimensions the searched dimensions, in the space's order
 * @param history every earlier trial of the study, running ones included, by number
 * @param number the number of the trial being proposed
 * @param seed this trial's seed, derived from the study seed and {@code number}
 * @param studySeed the study's seed, for what must stay fixed across a study's trials (the
 *     scramble of a quasi-random sequence)
 */
public record SamplingContext(List<Dimension> dimensions, List<Observation> history, int number,
    long seed, long studySeed) {

  /** Copies the lists so the record stays immutable. */
  public SamplingContext {
    dimensions = List.copyOf(dimensions);
    history = List.copyOf(history);
  }
}
