package org.sparktune.delta;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A Delta table pinned to one version: the input of a study that must know exactly which
 * snapshot it tuned on. The version is resolved once, when the input is made; {@link #read}
 * reads that version ({@code versionAsOf}) however the table changes afterwards, so every fold,
 * trial and the refit of a study see the same rows.
 *
 * <pre>{@code
 * DeltaInput input = DeltaInput.latest(spark, "/delta/events");   // or "sales.events"
 * TunedModel model = tuner.fit(input);           // reads version input.version() throughout
 * model.provenance().get("inputVersion");        // the version it tuned on
 * }</pre>
 *
 * <p>A table is a path when it holds a '/' or a URI scheme, a catalog name otherwise. An input
 * made by {@link #latest} resumes a study at the version the study recorded (see {@code
 * HyperparameterSearch.fit(DeltaInput)}); one made by {@link #at} insists on its version.
 * Immutable.
 */
public final class DeltaInput {

  private static final String TAG_PREFIX = "delta:";

  private final SparkSession spark;
  private final String table;
  private final boolean byPath;
  private final long version;
  private final boolean versionGiven;

  private DeltaInput(SparkSession spark, String table, boolean byPath, long version,
      boolean versionGiven) {
    this.spark = spark;
    this.table = table;
    this.byPath = byPath;
    this.version = version;
    this.versionGiven = versionGiven;
  }

  /** {@code table} (a path or a catalog name) at its current version; fails if not Delta. */
  public static DeltaInput latest(SparkSession spark, String table) {
    boolean byPath = checkTable(spark, table);
    Row last = delta(spark, table, byPath).history(1).select("version").first();
    return new DeltaInput(spark, table, byPath, last.getLong(0), false);
  }

  /** {@code table} at {@code version}; fails if it is not Delta or has no such version. */
  public static DeltaInput at(SparkSession spark, String table, long version) {
    boolean byPath = checkTable(spark, table);
    Row range = delta(spark, table, byPath).history()
        .agg(functions.min("version"), functions.max("version")).first();
    if (version < range.getLong(0) || version > range.getLong(1)) {
      throw DeltaErrors.noSuchVersion(table, version, range.getLong(0), range.getLong(1));
    }
    return new DeltaInput(spark, table, byPath, version, true);
  }

  /** The table as given: its path or its catalog name. */
  public String table() {
    return table;
  }

  /** The pinned version. */
  public long version() {
    return version;
  }

  /** Whether the version was asked for ({@link #at}) rather than resolved ({@link #latest}). */
  public boolean versionGiven() {
    return versionGiven;
  }

  /** The pinned version's rows. */
  public Dataset<Row> read() {
    if (byPath) {
      return spark.read().format("delta").option("versionAsOf", version).load(table);
    }
    return spark.read().option("versionAsOf", version).table(table);
  }

  /** {@code delta:<table>@<version>}: how a study records its input. */
  public String tag() {
    return TAG_PREFIX + table + "@" + version;
  }

  /**
   * This table at the version {@code tag} (a {@link #tag}) recorded, when the tag names this
   * table; empty when it names another input.
   */
  public Optional<DeltaInput> atRecorded(String tag) {
    return parseTag(tag).filter(t -> t.table().equals(table))
        .map(t -> at(spark, table, t.version()));
  }

  /** A snapshot as a {@link #tag} names it. */
  public record Tag(String table, long version) {}

  /** The table and version {@code tag} names; empty when it is not a {@link #tag}. */
  public static Optional<Tag> parseTag(String tag) {
    int at = tag.lastIndexOf('@');
    if (!tag.startsWith(TAG_PREFIX) || at <= TAG_PREFIX.length()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Tag(tag.substring(TAG_PREFIX.length(), at),
          Long.parseLong(tag.substring(at + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeltaInput d && d.table.equals(table) && d.version == version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, version);
  }

  @Override
  public String toString() {
    return tag();
  }

  /** Whether {@code table} is a path (else a catalog name); fails if it is not a Delta table. */
  private static boolean checkTable(SparkSession spark, String table) {
    if (table == null || table.isBlank()) {
      throw DeltaErrors.blankTable();
    }
    boolean byPath = table.contains("/") || table.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    if (byPath) {
      Path root = new Path(table);
      try {
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
          throw DeltaErrors.pathMissing(table);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + table, e);
      }
      if (!DeltaTable.isDeltaTable(spark, table)) {
        throw DeltaErrors.notDelta(table);
      }
      return true;
    }
    if (!spark.catalog().tableExists(table)) {
      throw DeltaErrors.nameMissing(table);
    }
    try {
      DeltaTable.forName(spark, table);
    } catch (Exception e) {
      // Delta's AnalysisException, thrown undeclared from Scala.
      throw DeltaErrors.nameNotDelta(table);
    }
    return false;
  }

  private static DeltaTable delta(SparkSession spark, String table, boolean byPath) {
    return byPath ? DeltaTable.forPath(spark, table) : DeltaTable.forName(spark, table);
  }
}
