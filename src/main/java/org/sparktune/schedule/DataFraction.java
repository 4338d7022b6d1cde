package org.sparktune.schedule;

import java.util.Map;

/**
 * The data fraction as the fidelity (the default): a rung at budget fraction f trains each
 * fold on the nested subsample of its training rows whose stable uniform is below f, so that
 * a row seen at one rung is seen at every larger one, and scores it on the fold's validation
 * rows (see {@code HyperparameterSearch.minValidationRows} for the floor below f = 1).
 * Immutable and thread-safe.
 */
public final class DataFraction implements Fidelity {

  private static final long serialVersionUID = 1L;

  @Override
  public double dataFraction(double f) {
    return f;
  }

  @Override
  public String name() {
    return "dataFraction";
  }

  @Override
  public Map<String, Object> config() {
    return Map.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataFraction;
  }

  @Override
  public int hashCode() {
    return DataFraction.class.hashCode();
  }

  @Override
  public String toString() {
    return "DataFraction";
  }
}
