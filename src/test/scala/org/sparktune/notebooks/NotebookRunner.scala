package org.sparktune.notebooks

import java.io.{ByteArrayOutputStream, PrintStream, PrintWriter, StringWriter}
import scala.tools.nsc.Settings
import scala.tools.nsc.interpreter.{IMain, Results}
import scala.tools.nsc.interpreter.shell.ReplReporterImpl

/**
 * Runs a notebook's Scala cells, in order, in one Scala interpreter, as Databricks and Zeppelin
 * do: each cell sees the values, imports and definitions of the cells before it, and the
 * environment's values (`spark`, `display`, `z`, ...) are bound before the first cell. A cell
 * that does not compile, is incomplete or throws stops the run with a [[NotebookCellFailure]]
 * naming the cell and giving the interpreter's output. Wrappers are class-based, as in the
 * Spark shell, Databricks and Zeppelin. Not thread-safe; close it to free the compiler.
 */
final class NotebookRunner(bindings: Seq[NotebookRunner.Binding]) extends AutoCloseable {

  private val transcript = new StringWriter()
  private val settings = {
    val s = new Settings(message => throw new IllegalArgumentException(message))
    s.classpath.value = NotebookRunner.classpath
    s.Yreplclassbased.value = true
    s
  }
  private val interpreter = new IMain(settings, Some(getClass.getClassLoader), settings,
    new ReplReporterImpl(settings, new PrintWriter(transcript, true)))

  for (b <- bindings) {
    val result = interpreter.bind(b.name, b.typeName, b.value, Nil)
    if (result != Results.Success) {
      close()
      throw new IllegalStateException(s"could not bind ${b.name}: ${b.typeName} in the Scala"
        + s" interpreter (classpath: ${NotebookRunner.classpath}):\n$transcript")
    }
  }

  /**
   * Runs the Scala cells of `cells` in order and skips the markdown ones; fails on a cell in
   * any other language, which this runner cannot run. `source` names the notebook in messages.
   */
  def run(source: String, cells: Seq[NotebookCell]): Unit = {
    for (cell <- cells if !cell.isMarkdown) {
      if (!cell.isScala) {
        throw new NotebookCellFailure(s"$source cell ${cell.number} is %${cell.language}, which"
          + " this runner cannot run; only Scala and %md cells run here.")
      }
      if (cell.code.trim.nonEmpty) {
        runCell(source, cell)
      }
    }
  }

  /** The value a cell bound to `name`, if one did. */
  def valueOf(name: String): Option[Any] = interpreter.valueOfTerm(name)

  /** What the cells printed and the interpreter reported so far. */
  def output: String = transcript.toString

  override def close(): Unit = interpreter.close()

  private def runCell(source: String, cell: NotebookCell): Unit = {
    val start = transcript.getBuffer.length
    val printed = new ByteArrayOutputStream()
    val started = System.nanoTime()
    val result = Console.withOut(new PrintStream(printed, true, "UTF-8")) {
      interpreter.interpret(cell.code)
    }
    val seconds = (System.nanoTime() - started) / 1e9
    transcript.write(printed.toString("UTF-8"))
    val cellOutput = transcript.getBuffer.substring(start)
    print(cellOutput)
    println(f"[$source cell ${cell.number}: $result in $seconds%.1f s]")
    result match {
      case Results.Success => ()
      case Results.Incomplete =>
        throw new NotebookCellFailure(s"$source cell ${cell.number} is incomplete (an unclosed"
          + s" bracket, string or comment?):\n${cell.code}")
      case Results.Error =>
        throw new NotebookCellFailure(s"$source cell ${cell.number} failed:\n$cellOutput\n"
          + s"--- the cell ---\n${cell.code}")
    }
  }
}

object NotebookRunner {

  /** A value the environment binds before the first cell, e.g. `spark` or `display`. */
  final case class Binding(name: String, typeName: String, value: Any)

  /**
   * The classpath the cells compile against: the test classpath, which Surefire passes in
   * `surefire.test.class.path` (its `java.class.path` may be a manifest-only jar), else the
   * JVM's.
   */
  def classpath: String = sys.props.get("surefire.test.class.path").filter(_.nonEmpty)
    .getOrElse(sys.props("java.class.path"))
}
