package org.sparktune.notebooks

import com.fasterxml.jackson.databind.ObjectMapper
import java.nio.file.{Files, Path}

/**
 * Reads a Zeppelin note (`.zpln`, JSON): each paragraph's `text` starts with its interpreter
 * (`%spark` for Scala, `%md` for markdown, `%spark.sql`, ...) or, with none, runs the note's
 * `defaultInterpreterGroup`.
 */
object ZeppelinNote {

  private val ScalaInterpreters = Set("spark", "spark.spark")

  /** The paragraphs of the note file at `path`. */
  def read(path: Path): Seq[NotebookCell] = parse(Files.readString(path))

  /** The paragraphs of a note's JSON text. */
  def parse(json: String): Seq[NotebookCell] = {
    val note = new ObjectMapper().readTree(json)
    val paragraphs = note.path("paragraphs")
    require(paragraphs.isArray,
      "a Zeppelin note is a JSON object with a 'paragraphs' array but this one has none;"
        + " export the note with Export note (JSON).")
    val default = note.path("defaultInterpreterGroup").asText("spark")
    (0 until paragraphs.size()).map { i =>
      toCell(i + 1, paragraphs.get(i).path("text").asText(""), default)
    }
  }

  private def toCell(number: Int, text: String, default: String): NotebookCell = {
    val trimmed = text.dropWhile(_.isWhitespace)
    val (interpreter, code) =
      if (trimmed.startsWith("%")) {
        val name = trimmed.drop(1).takeWhile(c => !c.isWhitespace)
        (name, trimmed.drop(1 + name.length))
      } else {
        (default, text)
      }
    val language =
      if (ScalaInterpreters.contains(interpreter)) NotebookCell.Scala
      else if (interpreter == "md") NotebookCell.Markdown
      else interpreter
    val body = code.dropWhile(c => c == ' ' || c == '\t').stripPrefix("\r").stripPrefix("\n")
    NotebookCell(number, language, body.stripTrailing())
  }
}
