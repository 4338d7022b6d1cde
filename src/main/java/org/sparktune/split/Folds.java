package org.sparktune.split;

import java.util.List;

/** Placeholder until the split package lands; replaced on merge. */
public final class Folds implements AutoCloseable {
  private final List<Fold> folds;

  Folds(List<Fold> folds) {
    this.folds = List.copyOf(folds);
  }

  public List<Fold> folds() {
    return folds;
  }

  @Override
  public void close() {}
}
