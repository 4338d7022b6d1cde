package org.sparktune.split;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column references by exact name: a name with a dot or a backtick is still one column. */
final class ColumnNames {

  private ColumnNames() {}

  /** The column called {@code name}, quoted in backticks (a backtick inside is doubled). */
  static Column col(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /** The columns called {@code names}, in order. */
  static Column[] cols(String[] names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = col(names[i]);
    }
    return out;
  }
}
