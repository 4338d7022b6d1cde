package org.sparktune.schedule;

import java.io.Serializable;
import java.util.Map;

/**
 * What a scheduler's budget fraction scales: the thing a rung at {@link Budget#fraction()} f
 * gives a trial f of. Plain Java: no Spark types; the Spark side resolves it against the
 * estimator before any training.
 *
 * <ul>
 *   <li>{@link DataFraction} (the default): each fold trains on the nested subsample of its
 *       training rows whose stable uniform is below f;</li>
 *   <li>{@link Iterations}: each fold trains on all its training rows with a named integer
 *       param of the estimator ({@code maxIter}, {@code numTrees}, …) scaled to f of its
 *       largest value.</li>
 * </ul>
 *
 * A rung at f = 1 is a full fit under either. Immutable; see {@link Fidelities} for JSON.
 */
public sealed interface Fidelity extends Serializable permits DataFraction, Iterations {

  /** The fraction of each fold's training rows a rung at budget fraction {@code f} reads. */
  double dataFraction(double f);

  /** Short stable name, used in JSON and provenance: {@code "dataFraction"}, … */
  String name();

  /** The configuration as plain values, for JSON and provenance. */
  Map<String, Object> config();
}
