package org.sparktune.delta;

/** The bad-input messages of a Delta input: what is wrong and how to fix it. */
final class DeltaErrors {

  private DeltaErrors() {}

  static IllegalArgumentException blankTable() {
    return new IllegalArgumentException("the Delta table is blank; pass a table's path (e.g."
        + " \"/data/events\" or \"s3://bucket/events\") or its catalog name (e.g."
        + " \"sales.events\").");
  }

  static IllegalArgumentException pathMissing(String path) {
    return new IllegalArgumentException("Delta table " + path + " does not exist: nothing is at"
        + " that path; check the path, or write the table first with"
        + " df.write().format(\"delta\").save(\"" + path + "\").");
  }

  static IllegalArgumentException notDelta(String path) {
    return new IllegalArgumentException(path + " is not a Delta table: it has no _delta_log;"
        + " pass the root folder of a Delta table, or convert this one (CONVERT TO DELTA"
        + " parquet.`" + path + "`), or read it yourself and pass the DataFrame to fit.");
  }

  static IllegalArgumentException nameMissing(String name) {
    return new IllegalArgumentException("Delta table " + name + " is not in the catalog; check"
        + " the name (spark.catalog().listTables()), or pass the table's path instead.");
  }

  static IllegalArgumentException nameNotDelta(String name) {
    return new IllegalArgumentException("table " + name + " is not a Delta table; pass a Delta"
        + " table, or read this one yourself and pass the DataFrame to fit.");
  }

  static IllegalArgumentException noSuchVersion(String table, long version, long earliest,
      long latest) {
    return new IllegalArgumentException("version " + version + " of Delta table " + table
        + " does not exist: its readable versions are " + earliest + " to " + latest
        + "; pass one of those, or DeltaInput.latest(spark, \"" + table + "\") for the"
        + " current one.");
  }
}
