package org.sparktune.search;

import java.util.List;
import java.util.Map;
import org.sparktune.space.Dimension;

/**
 * Proposes the parameters of the next trial from what the study has seen: the ask half of
 * ask/tell. Plain Java: no Spark types.
 *
 * <p>Contract: {@link #sample} returns a value for every dimension that applies to the point
 * ({@link Dimension#isActive}, decided in the order the context lists them) and for no other,
 * each inside its dimension, and depends only
 * on the context (so a study replayed from its log proposes the same trials again). A sampler
 * holds configuration only, never study state, so one instance may serve several studies and
 * concurrent calls. {@link #validate} rejects a space the sampler cannot search, before any
 * training.
 */
public interface Sampler {

  /** Proposes values for every dimension of {@code context} that applies to the proposal. */
  Map<String, Object> sample(SamplingContext context);

  /** Throws {@link IllegalArgumentException} naming the fix if the space cannot be searched. */
  default void validate(List<Dimension> dimensions) {}

  /** How many distinct trials the sampler can propose; {@code Long.MAX_VALUE} if unbounded. */
  default long capacity(List<Dimension> dimensions) {
    return Long.MAX_VALUE;
  }

  /**
   * Whether proposing trial {@code number} reads the history. A sampler that proposes from
   * the seed and the number alone (grid, random, QMC, a model-based sampler's start-up trials)
   * says false, so a reproducible study need not wait for earlier trials before asking it.
   */
  default boolean usesHistory(int number) {
    return true;
  }

  /** Short stable name, used in JSON and provenance: {@code "grid"}, {@code "random"}, … */
  String name();

  /** The configuration as plain values, for JSON and provenance; see {@link Samplers}. */
  Map<String, Object> config();
}
