/**
 * Splitters: {@link org.sparktune.split.KFold}, {@link org.sparktune.split.StratifiedKFold},
 * {@link org.sparktune.split.Holdout} and {@link org.sparktune.split.FoldColumn} cut a data set
 * into (train, validation) {@link org.sparktune.split.Folds}, exactly, in O(n), materialised once
 * per study; each row also carries a stable uniform so a data fraction is a nested subsample.
 */
package org.sparktune.split;
