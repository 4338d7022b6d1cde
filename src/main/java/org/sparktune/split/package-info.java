/**
 * Splitters: {@link org.sparktune.split.KFold}, {@link org.sparktune.split.StratifiedKFold},
 * {@link org.sparktune.split.Holdout} and {@link org.sparktune.split.FoldColumn} cut a data set
 * into (train, validation) {@link org.sparktune.split.Folds} in O(n) without collecting rows to
 * the driver, materialised once and reused by every trial of a study. The shuffled splitters
 * size folds to within one row (within each class when stratified); FoldColumn takes the folds
 * the user's column gives. Each row also carries a stable uniform, so
 * {@link org.sparktune.split.Folds#train(int, double)} gives nested subsamples of a fold.
 */
package org.sparktune.split;
