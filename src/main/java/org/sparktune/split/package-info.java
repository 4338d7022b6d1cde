/**
 * Splitters: {@link org.sparktune.split.KFold}, {@link org.sparktune.split.StratifiedKFold},
 * {@link org.sparktune.split.Holdout}, {@link org.sparktune.split.FoldColumn}, {@link
 * org.sparktune.split.GroupKFold}, {@link org.sparktune.split.StratifiedGroupKFold}, {@link
 * org.sparktune.split.TimeBasedSplit} and {@link org.sparktune.split.TimeSeriesSplit} cut a data
 * set into (train, validation) {@link org.sparktune.split.Folds} in O(n) without collecting rows
 * to the driver. The shuffled splitters size folds to within one row (within each class when
 * stratified); FoldColumn takes the folds the user's column gives, and drops it from the folds'
 * rows as CrossValidator does; the group splitters keep every group in one fold, placing groups
 * by a greedy rule on the driver from one aggregation of (group, class) counts
 * ({@code GroupBalance}) and sending the (group, fold) assignment back as a broadcast join. The
 * time splits train each fold on a window before its validation window, not on every other
 * row: they cache one relation per stretch between their windows' edges, and a fold's side is
 * the union of the stretches in its window. The folds are cached once per study, one cached
 * relation per fold id with no fold id column: the input's columns and each row's level among
 * the data fractions declared when splitting (fraction {@code f_r} is the rows whose stable uniform
 * {@code u} is below it, which are the rows of level at most {@code r}; {@code u} is not
 * cached), each partition a stretch of the input sorted by (level, position in the input), so
 * that a read of a declared fraction ({@link org.sparktune.split.Folds#train(int, double)})
 * skips the cached batches it does not need, a training read is the union of the other fold
 * ids' relations, and the columns keep the compression their input order gives them.
 */
package org.sparktune.split;
