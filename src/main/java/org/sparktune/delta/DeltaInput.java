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
    return new DeltaInput(spark, table, byPath, versions(spark, table, byPath)[1], false);
  }

  /** {@code table} at {@code version}; fails if it is not Delta or has no such version. */
  public static DeltaInput at(SparkSession spark, String table, long version) {
    boolean byPath = checkTable(spark, table);
    long[] range = versions(spark, table, byPath);
    if (version < range[0] || version > range[1]) {
      throw DeltaErrors.noSuchVersion(table, version, range[0], range[1]);
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
    if (!tag.startsWith(TAG_PREFIX) || tag.lastIndexOf('@') <= TAG_PREFIX.length()) {
      return Optional.empty();
    }
    int at = tag.lastIndexOf('@');
    if (!tag.substring(TAG_PREFIX.length(), at).equals(table)) {
      return Optional.empty();
    }
    long recorded;
    try {
      recorded = Long.parseLong(tag.substring(at + 1));
    } catch (NumberFormatException e) {
      throw DeltaErrors.notATag(tag);
    }
    return Optional.of(at(spark, table, recorded));
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

  /** The earliest and the latest version in the table's history. */
  private static long[] versions(SparkSession spark, String table, boolean byPath) {
    DeltaTable delta = byPath ? DeltaTable.forPath(spark, table) : DeltaTable.forName(spark,
        table);
    Row range = delta.history().agg(functions.min("version"), functions.max("version")).first();
    return new long[] {range.getLong(0), range.getLong(1)};
  }
}
