package org.sparktune.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * K-fold cross-validation by group that keeps each fold's class shares close to the whole
 * data's: every row of a group lands in the same fold, as with {@link GroupKFold}, and groups
 * are placed so that every fold holds about its share of every class. Fold {@code i} validates
 * on the groups given fold id {@code i} and trains on the others.
 *
 * <p>The rule is scikit-learn's StratifiedGroupKFold without shuffle, a greedy one. One
 * aggregation ({@code groupBy(groupCol, labelCol).count()}) brings each group's class counts to
 * the driver, never rows. Groups are taken by the standard deviation of their class counts,
 * largest first (the groups most skewed to one class first; equal ones in ascending order of the
 * group value, Spark's order). Each goes to the fold that, with the group in it, gives the least
 * mean over classes of the standard deviation over folds of {@code n_ic / n_c}, the rows of
 * class {@code c} in fold {@code i} over all rows of class {@code c}. A fold whose mean is within
 * numpy's {@code isclose} ({@code 1e-8 + 1e-5 × best}) of the best so far wins only with fewer
 * rows: ties go to the fold with the fewest rows, then the lowest index. Standard deviations are
 * population ones. The driver holds one count per (group, class) and does {@code O(groups × k² ×
 * classes)} arithmetic; the (group, fold id) assignment goes back to the executors as a broadcast
 * join. The seed does not change which fold a group is in; it draws the declared data
 * fractions, as with {@link GroupKFold}: about {@code f} of each fold's rows, not stratified,
 * and {@link Folds#minimumFraction} is empty.
 *
 * <p>Stratification is as close as whole groups allow, not exact: a class of fewer groups than
 * folds is missing from some folds (this splitter does not refuse it, as {@link
 * StratifiedKFold} refuses a class of fewer rows than folds). The greedy rule can leave a fold
 * with no group when the groups are few; then the split fails before any training, naming the
 * largest numFolds that leaves none empty.
 *
 * <p>The group column is a number, string, boolean, date, timestamp or binary column with no
 * nulls and at least {@code numFolds} distinct values; the label column a number, string,
 * boolean, date or timestamp column with no nulls, another column than the group's. Both stay in
 * the folds' rows. Immutable once configured; safe to share between threads.
 *
 * <pre>{@code
 * Splitter folds = new StratifiedGroupKFold().setNumFolds(3).setGroupCol("patient")
 *     .setLabelCol("label");
 * }</pre>
 */
public final class StratifiedGroupKFold implements Splitter {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "StratifiedGroupKFold";

  private int numFolds = 3;
  private String groupCol = "group";
  private String labelCol = "label";

  /** Sets the number of folds (default 3), at least 2. */
  public StratifiedGroupKFold setNumFolds(int value) {
    numFolds = SplitErrors.checkNumFolds(NAME, value);
    return this;
  }

  /** Sets the group column (default "group"): rows with one value of it stay together. */
  public StratifiedGroupKFold setGroupCol(String value) {
    groupCol = SplitErrors.checkColumnName(NAME, "groupCol", value);
    return this;
  }

  /** Sets the class column (default "label"): numeric, string or boolean, no nulls. */
  public StratifiedGroupKFold setLabelCol(String value) {
    labelCol = SplitErrors.checkColumnName(NAME, "labelCol", value);
    return this;
  }

  public String getGroupCol() {
    return groupCol;
  }

  public String getLabelCol() {
    return labelCol;
  }

  @Override
  public int numFolds() {
    return numFolds;
  }

  @Override
  public void validate(StructType schema) {
    SplitErrors.checkGroup(NAME, groupCol, schema);
    SplitErrors.checkLabel(NAME, labelCol, schema, "GroupKFold");
    if (groupCol.equals(labelCol)) {
      throw SplitErrors.groupIsLabel(groupCol);
    }
  }

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    validate(data.schema());
    return GroupAssignment.split(data, groupCol, numFolds, seed, fractions, this::assign);
  }

  /** The fold of each group of the cached input, by its class counts; throws on bad input. */
  private GroupAssignment.Assignment assign(Dataset<Row> input) {
    List<Row> counted = input.groupBy(ColumnNames.col(groupCol), ColumnNames.col(labelCol))
        .count().orderBy(ColumnNames.col(groupCol)).collectAsList();
    if (counted.isEmpty()) {
      throw SplitErrors.emptyInput();
    }
    long nullGroups = 0;
    long nullLabels = 0;
    TreeMap<Object, Integer> classes = new TreeMap<>(ClassCounts::compare);
    for (Row r : counted) {
      if (r.isNullAt(0)) {
        nullGroups += r.getLong(2);
      }
      if (r.isNullAt(1)) {
        nullLabels += r.getLong(2);
      } else {
        classes.put(ClassCounts.classKey(r.get(1)), 0);
      }
    }
    if (nullGroups > 0) {
      throw SplitErrors.nullGroups(NAME, groupCol, nullGroups);
    }
    if (nullLabels > 0) {
      throw SplitErrors.nullLabels(labelCol, nullLabels);
    }
    int index = 0;
    for (Map.Entry<Object, Integer> c : classes.entrySet()) {
      c.setValue(index++);
    }
    List<Object> groups = new ArrayList<>();
    List<long[]> perGroup = new ArrayList<>();
    for (Row r : counted) {
      Object group = r.get(0);
      if (groups.isEmpty() || !Objects.deepEquals(groups.get(groups.size() - 1), group)) {
        groups.add(group);
        perGroup.add(new long[classes.size()]);
      }
      perGroup.get(perGroup.size() - 1)[classes.get(ClassCounts.classKey(r.get(1)))] +=
          r.getLong(2);
    }
    GroupAssignment.checkGroupCount(NAME, groupCol, groups.size(), numFolds);
    long[][] counts = perGroup.toArray(new long[0][]);
    int[] folds = GroupBalance.closestShares(counts, numFolds);
    List<Integer> empty = GroupBalance.emptyFolds(folds, numFolds);
    if (!empty.isEmpty()) {
      int workable = 0;
      for (int k = numFolds - 1; k >= 2 && workable == 0; k--) {
        if (GroupBalance.emptyFolds(GroupBalance.closestShares(counts, k), k).isEmpty()) {
          workable = k;
        }
      }
      throw SplitErrors.emptyGroupFolds(groupCol, groups.size(), empty, numFolds, workable);
    }
    return new GroupAssignment.Assignment(groups, folds);
  }

  @Override
  public String name() {
    return "stratifiedGroupKFold";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("numFolds", (long) numFolds);
    config.put("groupCol", groupCol);
    config.put("labelCol", labelCol);
    return config;
  }

  @Override
  public String toString() {
    return "StratifiedGroupKFold" + config();
  }
}
