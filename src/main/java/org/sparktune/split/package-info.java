/**
 * Splitters: {@link org.sparktune.split.KFold}, {@link org.sparktune.split.StratifiedKFold},
 * {@link org.sparktune.split.Holdout} and {@link org.sparktune.split.FoldColumn} cut a data set
 * into (train, validation) {@link org.sparktune.split.Folds} in O(n) without collecting rows to
 * the driver. The shuffled splitters size folds to within one row (within each class when
 * stratified); FoldColumn takes the folds the user's column gives. The folds are cached once
 * per study: the input's columns, each row's fold id and a stable uniform {@code u}, laid out
 * one fold per partition sorted by {@code u}, so that a read of one fold, or of the nested data
 * fraction {@code u < f} ({@link org.sparktune.split.Folds#train(int, double)}), skips the
 * cached batches it does not need.
 */
package org.sparktune.split;
