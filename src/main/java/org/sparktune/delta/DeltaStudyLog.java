package org.sparktune.delta;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparktune.study.TrialEvent;
import org.sparktune.study.TrialJson;
import org.sparktune.study.TrialStore;

/**
 * A study's event log kept in a Delta table: every {@link TrialEvent} is one row, written by
 * one blind append (a Delta append never conflicts with another, so several jobs may write one
 * log at once), durable when {@link #append} returns. Several studies may share one table;
 * {@link #events} reads the rows of this log's study. The table is for Spark SQL too.
 *
 * <p>Schema, one row per event: {@code study} (string), {@code spaceFingerprint} (string),
 * {@code seq} (long, the event's place in its run's order), {@code trial} (int, -1 for a run's
 * STARTED event), {@code event} (string: STARTED, CREATED, RUNG_REPORTED, FINISHED, PRUNED,
 * FAILED), {@code time} (timestamp), {@code params} (string, JSON: a trial's params, or a run's
 * setup), {@code seed} (long), {@code rung} (int), {@code budget} (double), {@code rungJson}
 * (string, the whole rung), {@code value} (double: the rung's value, or the final one), {@code
 * values} (array of double, a finished trial's), {@code error} (string), {@code inputTable}
 * (string) and {@code inputVersion} (long), the input as recorded ({@code input}, string), {@code
 * writer} (string, the Spark application id of the job that wrote the row), {@code
 * formatVersion} (int, {@value #FORMAT_VERSION}), {@code run} (string, the id of the study's run
 * that wrote it: one job may run a study more than once) and {@code claim} (string, set on the
 * rows only one run may write: {@code created:<trial>} when a run takes a trial number,
 * {@code interrupted:<trial>} and {@code adopted:<trial>:<run>} when it takes over a stopped
 * run's trial). Events STARTED, HEARTBEAT and STOPPED have trial -1.
 *
 * <p>Several jobs on one study: a claim is an idempotent Delta write (a transaction application
 * id per claim), so Delta commits one row per claim however many runs race for it, and a claim
 * never conflicts with other events' blind appends. A run
 * that has written nothing for its lease ({@code spark.sparktune.studyLog.lease}, default 2
 * minutes; a live run writes a heartbeat every quarter of it) is taken for stopped by the
 * others. A run reads the log whole once, then only the rows committed since its last read,
 * through the table's change data feed ({@code delta.enableChangeDataFeed}, set when the log is
 * created). Tables of format version 1 gain the two columns and the change data feed when
 * opened.
 */
public final class DeltaStudyLog implements TrialStore {

  /** The version of this schema, in every row. */
  public static final int FORMAT_VERSION = 2;
  /** The Spark conf of the lease: how long a run may write nothing before others take over. */
  public static final String LEASE_CONF = "spark.sparktune.studyLog.lease";
  /** How often a claim that raced another run's claim of its key is tried again, at most. */
  private static final int CLAIM_ATTEMPTS = 10;
  /** Commits between two checkpoints of the log table. */
  static final int CHECKPOINT_INTERVAL = 100;
  /** The table property that keeps each commit's rows readable apart: the change data feed. */
  private static final String CHANGE_FEED = "delta.enableChangeDataFeed";

  static final StructType SCHEMA = new StructType()
      .add("study", DataTypes.StringType, false)
      .add("spaceFingerprint", DataTypes.StringType, false)
      .add("seq", DataTypes.LongType, false)
      .add("trial", DataTypes.IntegerType, false)
      .add("event", DataTypes.StringType, false)
      .add("time", DataTypes.TimestampType, true)
      .add("params", DataTypes.StringType, false)
      .add("seed", DataTypes.LongType, false)
      .add("rung", DataTypes.IntegerType, true)
      .add("budget", DataTypes.DoubleType, true)
      .add("rungJson", DataTypes.StringType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("error", DataTypes.StringType, true)
      .add("input", DataTypes.StringType, false)
      .add("inputTable", DataTypes.StringType, true)
      .add("inputVersion", DataTypes.LongType, true)
      .add("writer", DataTypes.StringType, false)
      .add("formatVersion", DataTypes.IntegerType, false)
      .add("run", DataTypes.StringType, true)
      .add("claim", DataTypes.StringType, true);

  /** The columns format version 2 added. */
  private static final List<String> ADDED_IN_2 = List.of("run", "claim");

  private final SparkSession spark;
  private final String path;
  private final String study;
  private final java.time.Duration lease;
  /** The table version {@link #events} read up to, -1 before the first read. */
  private long readVersion = -1;
  /** The events of this study read so far, in the order read. */
  private final List<TrialEvent> read = new ArrayList<>();

  private DeltaStudyLog(SparkSession spark, String path, String study,
      java.time.Duration lease) {
    this.spark = spark;
    this.path = path;
    this.study = study;
    this.lease = lease;
  }

  /**
   * The log of study {@code study} in the Delta table at {@code path}: created with the first
   * event when nothing is there. Throws, naming the path and the fix, when something else is
   * there: a file, a folder that is not a Delta table, or a Delta table without the log's
   * columns.
   */
  public static DeltaStudyLog open(SparkSession spark, String path, String study) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("studyLog is blank; give the path of a Delta table for"
          + " the study's events, e.g. setStudyLog(\"/delta/studies\").");
    }
    try {
      Path root = new Path(path);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(root)) {
        if (!fs.getFileStatus(root).isDirectory()) {
          throw new IllegalArgumentException("studyLog " + path + " is a file; give the path of"
              + " a Delta table (new, or a study log already).");
        }
        Path commits = new Path(root, "_delta_log");
        // A log folder with no commit yet (its first writer stopped before committing) is a
        // new table, as Delta takes it.
        boolean delta = fs.exists(commits) && fs.listStatus(commits,
            f -> f.getName().endsWith(".json")).length > 0;
        boolean empty = fs.listStatus(root, f -> !f.getName().equals("_delta_log")).length == 0;
        if (!delta && !empty) {
          throw new IllegalArgumentException("studyLog " + path + " is not a Delta table: it"
              + " holds files but no _delta_log. Give a new path, or the path of a study log.");
        }
        if (delta) {
          StructType found = spark.read().format("delta").load(path).schema();
          List<String> missing = Arrays.stream(SCHEMA.fields())
              .filter(f -> !ADDED_IN_2.contains(f.name()))
              .filter(f -> Arrays.stream(found.fields()).noneMatch(g -> g.name().equals(
                  f.name()) && g.dataType().sameType(f.dataType())))
              .map(f -> f.name() + " " + f.dataType().simpleString())
              .collect(Collectors.toList());
          if (!missing.isEmpty()) {
            throw new IllegalArgumentException("studyLog " + path + " is a Delta table but not a"
                + " study log: it lacks the columns " + missing + ". Give a new path, or the"
                + " path of a study log.");
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("studyLog " + path + " cannot be read: "
          + e.getMessage() + "; check the path and its permissions.", e);
    }
    String lease = spark.conf().get(LEASE_CONF, "120s");
    long leaseMs;
    try {
      leaseMs = org.apache.spark.network.util.JavaUtils.timeStringAsMs(lease);
    } catch (NumberFormatException e) {
      leaseMs = -1;
    }
    if (leaseMs <= 0) {
      throw new IllegalArgumentException(LEASE_CONF + " is '" + lease + "'; give a positive"
          + " duration, e.g. 120s or 5min.");
    }
    DeltaStudyLog log = new DeltaStudyLog(spark, path, study, java.time.Duration.ofMillis(
        leaseMs));
    log.create();
    log.upgrade();
    return log;
  }

  /**
   * Creates the table, empty, when it has no commit yet, checkpointing every {@value
   * #CHECKPOINT_INTERVAL} commits rather than Delta's default 10: each event is a commit, and a
   * checkpoint rewrites the whole log's state. A writer that loses the race to create it reads
   * the other's.
   */
  private void create() {
    try {
      Path commits = new Path(path, "_delta_log");
      FileSystem fs = commits.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(commits) && fs.listStatus(commits, f -> f.getName().endsWith(".json")).length
          > 0) {
        return;
      }
      spark.createDataFrame(List.of(), SCHEMA).write().format("delta").mode("append")
          .option("delta.checkpointInterval", Integer.toString(CHECKPOINT_INTERVAL))
          .option(CHANGE_FEED, "true")
          .save(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("studyLog " + path + " cannot be read: "
          + e.getMessage(), e);
    } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
      // Another job created it first: its commit is there now.
      create();
    }
  }

  /**
   * Brings a log written before format version 2 up to it: adds its columns and turns on the
   * change data feed {@link #events} reads new rows from. Two runs opening one old log at once
   * may race to do it: the loser finds it done.
   */
  private void upgrade() {
    for (int attempt = 1; ; attempt++) {
      try {
        String table = "delta.`" + path.replace("`", "``") + "`";
        StructType found = spark.read().format("delta").load(path).schema();
        List<String> absent = ADDED_IN_2.stream()
            .filter(c -> Arrays.stream(found.fieldNames()).noneMatch(c::equals))
            .collect(Collectors.toList());
        if (!absent.isEmpty()) {
          spark.sql("ALTER TABLE " + table + " ADD COLUMNS (" + absent.stream()
              .map(c -> c + " STRING").collect(Collectors.joining(", ")) + ")");
        }
        java.util.Map<String, String> properties = io.delta.tables.DeltaTable.forPath(spark,
            path).detail().select("properties").first().getJavaMap(0);
        if (!"true".equals(properties.get(CHANGE_FEED))) {
          spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('" + CHANGE_FEED
              + "' = 'true')");
        }
        return;
      } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
        if (attempt == CLAIM_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The table's path. */
  public String path() {
    return path;
  }

  /** Always: several jobs may write one study log at once. */
  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public java.time.Duration lease() {
    return lease;
  }

  /**
   * Appends {@code event}'s row, with {@code key} in its claim column, as an idempotent Delta
   * write: its transaction carries the application id {@code <study>/<key>}, version 0, and
   * Delta commits at most one write per such id. Two claims of one key conflict, and the loser,
   * tried again, finds the id committed and writes nothing; a claim never conflicts with the
   * blind appends of other events. Returns whether the claim's row is this event's.
   */
  @Override
  public boolean claim(TrialEvent event, String key) {
    check(event);
    for (int attempt = 1; ; attempt++) {
      try {
        spark.createDataFrame(List.of(row(event, key)), SCHEMA).coalesce(1).write()
            .format("delta").mode("append").option("txnAppId", study + "/" + key)
            .option("txnVersion", 0L).save(path);
        break;
      } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
        if (attempt == CLAIM_ATTEMPTS) {
          throw e;
        }
      }
    }
    List<Row> claimed = spark.read().format("delta").load(path)
        .where(functions.col("study").equalTo(study).and(functions.col("claim").equalTo(key)))
        .select("run", "seq").collectAsList();
    if (claimed.size() != 1) {
      throw new IllegalStateException("studyLog " + path + " holds " + claimed.size()
          + " rows of claim " + key + " of study '" + study + "' where one was written; the"
          + " table was written by something else than a study.");
    }
    return event.writer().equals(claimed.get(0).getString(0))
        && event.seq() == claimed.get(0).getLong(1);
  }

  @Override
  public void append(TrialEvent e) {
    check(e);
    spark.createDataFrame(List.of(row(e, null)), SCHEMA).coalesce(1).write().format("delta")
        .mode("append").save(path);
  }

  private void check(TrialEvent e) {
    if (!e.studyId().equals(study)) {
      throw new IllegalArgumentException("event of study '" + e.studyId() + "' appended to the"
          + " log of study '" + study + "'");
    }
  }

  private Row row(TrialEvent e, String claim) {
    Double value = e.rung() != null ? Double.valueOf(e.rung().value())
        : e.values().isEmpty() ? null : e.values().get(0);
    DeltaInput.Tag tag = DeltaInput.parseTag(e.input()).orElse(null);
    return RowFactory.create(e.studyId(), e.spaceFingerprint(), e.seq(), e.trial(),
        e.kind().name(), e.time() == null ? null : Timestamp.from(e.time()),
        TrialJson.writeParams(e.params()), e.seed(),
        e.rung() == null ? null : e.rung().rung(), e.rung() == null ? null : e.rung().budget(),
        e.rung() == null ? null : TrialJson.writeRung(e.rung()), value,
        e.values().toArray(new Double[0]), e.error(), e.input(),
        tag == null ? null : tag.table(), tag == null ? null : tag.version(),
        spark.sparkContext().applicationId(), FORMAT_VERSION, e.writer(), claim);
  }

  /**
   * Every event of this log's study. The first call reads the table at its latest version;
   * later calls read only the rows committed since (the table's change data feed), so a run
   * that reads the log before each trial pays for the new events, not for the whole log.
   */
  @Override
  public synchronized List<TrialEvent> events() {
    if (readVersion < 0 && !hasCommits()) {
      return List.of();
    }
    long latest = io.delta.tables.DeltaTable.forPath(spark, path).history(1).select("version")
        .first().getLong(0);
    if (latest != readVersion) {
      Dataset<Row> rows = readVersion < 0
          ? spark.read().format("delta").option("versionAsOf", latest).load(path)
          : spark.read().format("delta").option("readChangeFeed", "true")
              .option("startingVersion", readVersion + 1).option("endingVersion", latest)
              .load(path).where(functions.col("_change_type").equalTo("insert"));
      for (Row r : rows.where(functions.col("study").equalTo(study))
          .select(Arrays.stream(SCHEMA.fieldNames()).map(functions::col)
              .toArray(org.apache.spark.sql.Column[]::new))
          .collectAsList()) {
        read.add(event(r));
      }
      readVersion = latest;
    }
    return List.copyOf(read);
  }

  private boolean hasCommits() {
    try {
      Path log = new Path(path, "_delta_log");
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(log) && fs.listStatus(log, f -> f.getName().endsWith(".json")).length > 0;
    } catch (IOException e) {
      throw new IllegalArgumentException("studyLog " + path + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  private static TrialEvent event(Row r) {
    Timestamp time = r.getAs("time");
    String rung = r.getAs("rungJson");
    List<Double> values = r.getList(r.fieldIndex("values"));
    return new TrialEvent(r.getAs("study"), r.getAs("spaceFingerprint"), r.getAs("input"),
        r.<Long>getAs("seq"), r.<Integer>getAs("trial"),
        TrialEvent.Kind.valueOf(r.getAs("event")), time == null ? null : time.toInstant(),
        TrialJson.readParams(r.getAs("params")), r.<Long>getAs("seed"),
        rung == null ? null : TrialJson.readRung(rung), values, r.getAs("error"),
        r.getAs("run"));
  }
}
