package org.sparktune.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * K-fold cross-validation by group: every row of a group (the rows with one value of the group
 * column, e.g. one patient or one user) lands in the same fold, so no group is on both the
 * training and the validation side of any fold. Fold {@code i} validates on the groups given
 * fold id {@code i} and trains on the others.
 *
 * <p>Fold sizes are balanced as scikit-learn's GroupKFold (without shuffle) balances them:
 * groups by size, largest first, each to the fold with the fewest rows so far, the lowest fold
 * index among equals. Groups of equal size go in ascending order of their value (Spark's order:
 * numbers, strings, dates and timestamps as they sort, nulls are refused), so the split is the
 * same for the same data whatever its partitions. The seed does not change which fold a group
 * is in; it draws the declared data fractions.
 *
 * <p>Group sizes come from one aggregation ({@code groupBy(groupCol).count()}); only (group,
 * rows) pairs reach the driver, and the (group, fold id) assignment goes back to the executors
 * as a broadcast join. The driver holds one pair per group. A declared data fraction {@code f}
 * is the rows whose plain seeded hash uniform is below {@code f}, as with {@link FoldColumn}:
 * about {@code f} of each fold's rows (not whole groups: subsampling a training side keeps
 * every validation group out of it).
 *
 * <p>The group column is a number, string, boolean, date, timestamp or binary column with no
 * nulls and at least {@code numFolds} distinct values; it stays in the folds' rows. Immutable
 * once configured; safe to share between threads.
 *
 * <pre>{@code
 * Splitter folds = new GroupKFold().setNumFolds(3).setGroupCol("patient");
 * }</pre>
 */
public final class GroupKFold implements Splitter {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "GroupKFold";

  private int numFolds = 3;
  private String groupCol = "group";

  /** Sets the number of folds (default 3), at least 2. */
  public GroupKFold setNumFolds(int value) {
    numFolds = SplitErrors.checkNumFolds(NAME, value);
    return this;
  }

  /** Sets the group column (default "group"): rows with one value of it stay together. */
  public GroupKFold setGroupCol(String value) {
    groupCol = SplitErrors.checkColumnName(NAME, "groupCol", value);
    return this;
  }

  public String getGroupCol() {
    return groupCol;
  }

  @Override
  public int numFolds() {
    return numFolds;
  }

  @Override
  public void validate(StructType schema) {
    SplitErrors.checkGroup(NAME, groupCol, schema);
  }

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    validate(data.schema());
    return GroupAssignment.split(data, groupCol, numFolds, seed, fractions, this::assign);
  }

  /** The fold of each group of the cached input, by group size; throws on bad groups. */
  private GroupAssignment.Assignment assign(Dataset<Row> input) {
    List<Row> sizes = GroupAssignment.groupSizes(input, groupCol);
    if (sizes.isEmpty()) {
      throw SplitErrors.emptyInput();
    }
    if (sizes.get(0).isNullAt(0)) {
      throw SplitErrors.nullGroups(NAME, groupCol, sizes.get(0).getLong(1));
    }
    GroupAssignment.checkGroupCount(NAME, groupCol, sizes.size(), numFolds);
    List<Object> groups = new ArrayList<>();
    long[] rows = new long[sizes.size()];
    for (int g = 0; g < rows.length; g++) {
      groups.add(sizes.get(g).get(0));
      rows[g] = sizes.get(g).getLong(1);
    }
    return new GroupAssignment.Assignment(groups, GroupBalance.fewestRows(rows, numFolds));
  }

  @Override
  public String name() {
    return "groupKFold";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("numFolds", (long) numFolds);
    config.put("groupCol", groupCol);
    return config;
  }

  @Override
  public String toString() {
    return "GroupKFold" + config();
  }
}
