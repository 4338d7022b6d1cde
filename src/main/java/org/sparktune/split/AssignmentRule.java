package org.sparktune.split;

import java.io.Serializable;

/**
 * Maps a row's place in the running index of {@link ExactAssignment} to a fold id, and counts
 * how many places before a given one land in each fold id, so a row's rank within its (class,
 * fold) block and the size of that block follow by arithmetic, without another pass.
 */
interface AssignmentRule extends Serializable {

  /** How many fold ids the rule gives out: {@code 0 .. foldIds() - 1}. */
  int foldIds();

  /** The fold id of the row at running index {@code index}. */
  int fold(long index);

  /** How many of the running indices {@code 0 .. index - 1} have fold id {@code fold}. */
  long before(long index, int fold);

  /** Index {@code i} goes to fold {@code i mod k}: k-fold, fold sizes within one row. */
  static AssignmentRule modulo(int k) {
    return new AssignmentRule() {
      private static final long serialVersionUID = 1L;

      @Override
      public int foldIds() {
        return k;
      }

      @Override
      public int fold(long index) {
        return (int) (index % k);
      }

      @Override
      public long before(long index, int fold) {
        return (index - fold + k - 1) / k;
      }
    };
  }

  /**
   * Fold id 0 (validation) for index {@code i} when the running count of validation rows,
   * {@code floor(i × ratio)}, steps up at {@code i}; fold id 1 (training) otherwise. The first
   * {@code x} indices hold {@code floor(x × ratio)} validation rows.
   */
  static AssignmentRule holdout(double ratio) {
    return new AssignmentRule() {
      private static final long serialVersionUID = 1L;

      @Override
      public int foldIds() {
        return 2;
      }

      @Override
      public int fold(long index) {
        return validating(index + 1) > validating(index) ? 0 : 1;
      }

      @Override
      public long before(long index, int fold) {
        return fold == 0 ? validating(index) : index - validating(index);
      }

      private long validating(long index) {
        return (long) Math.floor(index * ratio);
      }
    };
  }
}
