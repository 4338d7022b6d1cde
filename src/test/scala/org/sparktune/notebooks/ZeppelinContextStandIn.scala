package org.sparktune.notebooks

import org.apache.spark.sql.Dataset
import scala.collection.mutable.ArrayBuffer

/**
 * The part of Zeppelin's `z` (ZeppelinContext) a Scala paragraph uses to show a DataFrame:
 * `z.show(df)` and `z.show(df, maxResult)` render it as a table (see [[ShownTable]]) and record
 * it. Not thread-safe.
 */
final class ZeppelinContextStandIn(defaultMaxResult: Int = ShownTable.MaxRows) {

  private val shown = ArrayBuffer.empty[ShownTable]

  /** Shows `data` as `z.show(data)` does, up to the interpreter's maxResult rows. */
  def show(data: Dataset[_]): Unit = show(data, defaultMaxResult)

  /** Shows at most `maxResult` rows of `data`, as `z.show(data, maxResult)` does. */
  def show(data: Dataset[_], maxResult: Int): Unit = {
    require(maxResult > 0, s"z.show needs maxResult > 0 but got $maxResult.")
    shown += ShownTable.of(data, maxResult)
  }

  /** Every table shown so far, in order. */
  def tables: Seq[ShownTable] = shown.toSeq
}
