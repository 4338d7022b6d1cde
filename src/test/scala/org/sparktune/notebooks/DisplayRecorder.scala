package org.sparktune.notebooks

import org.apache.spark.sql.Dataset
import scala.collection.mutable.ArrayBuffer

/**
 * Databricks' `display` for a notebook run outside Databricks: `display(df)` renders the
 * DataFrame as a table (see [[ShownTable]]) and records it instead of drawing it. Not
 * thread-safe; a notebook calls it from one cell at a time.
 */
final class DisplayRecorder {

  private val shown = ArrayBuffer.empty[ShownTable]

  /** Shows `data` as Databricks' `display(data)` does. */
  def apply(data: Dataset[_]): Unit = shown += ShownTable.of(data)

  /** Every table shown so far, in order. */
  def tables: Seq[ShownTable] = shown.toSeq
}
