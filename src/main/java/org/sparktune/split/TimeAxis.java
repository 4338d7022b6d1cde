package org.sparktune.split;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A time column as a time split sees it: its values as microseconds since the epoch (a date as
 * its midnight, a timestamp without time zone as its wall-clock time read in UTC), and back as a
 * literal of the column's own type, so that a window is a plain comparison on the column that
 * Spark pushes down to the files (partition pruning, Delta's data skipping). Immutable.
 */
final class TimeAxis implements Serializable {

  private static final long serialVersionUID = 1L;
  static final long DAY = 86_400_000_000L;
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(w|d|h|m|s)");

  private enum Kind { TIMESTAMP, TIMESTAMP_NTZ, DATE }

  private final Kind kind;

  private TimeAxis(Kind kind) {
    this.kind = kind;
  }

  /**
   * Checks that {@code column} is set and is a column of {@code schema} that orders rows in
   * time: a timestamp or a date, or any number when {@code numbers}.
   */
  static void check(String splitter, String column, StructType schema, boolean numbers) {
    if (column == null) {
      throw TimeSplitErrors.timeColUnset(splitter);
    }
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw SplitErrors.missingColumn(splitter, "timeCol", column, schema);
    }
    DataType type = schema.apply(column).dataType();
    boolean time = type instanceof TimestampType || type instanceof TimestampNTZType
        || type instanceof DateType;
    if (!(time || numbers && type instanceof NumericType)) {
      throw TimeSplitErrors.timeColType(splitter, column, type, numbers);
    }
  }

  /**
   * Checks an optional group column: null (none), or a column of {@code schema} whose values
   * Spark can compare.
   */
  static void checkGroup(String splitter, String column, StructType schema) {
    if (column == null) {
      return;
    }
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw SplitErrors.missingColumn(splitter, "groupCol", column, schema);
    }
    DataType type = schema.apply(column).dataType();
    if (!(type instanceof NumericType || type instanceof org.apache.spark.sql.types.StringType
        || type instanceof org.apache.spark.sql.types.BooleanType || type instanceof DateType
        || type instanceof TimestampType || type instanceof TimestampNTZType)) {
      throw TimeSplitErrors.groupType(splitter, column, type);
    }
  }

  /**
   * The folds over {@code relations}, each fold's training rows without the groups of its
   * validation rows when {@code groupCol} is set; throws, releasing the cache, when a fold
   * would then train on no row.
   */
  static Folds folds(String splitter, List<Dataset<Row>> relations, String[] columns,
      Segments segments, Levels levels, String groupCol) {
    Folds folds = new Folds(relations, columns, segments.trainIds(), segments.validationIds(),
        levels, null, groupCol);
    if (groupCol != null) {
      for (int i = 0; i < folds.numFolds(); i++) {
        if (folds.train(i, 1.0).isEmpty()) {
          folds.close();
          throw TimeSplitErrors.trainsOnlyValidationGroups(splitter, i, groupCol);
        }
      }
    }
    return folds;
  }

  /** The axis of {@code column}, which {@link #check} accepted without numbers. */
  static TimeAxis of(StructType schema, String column) {
    DataType type = schema.apply(column).dataType();
    if (type instanceof TimestampType) {
      return new TimeAxis(Kind.TIMESTAMP);
    }
    return new TimeAxis(type instanceof TimestampNTZType ? Kind.TIMESTAMP_NTZ : Kind.DATE);
  }

  /** Whether the column holds dates: every window edge then falls on a midnight. */
  boolean dates() {
    return kind == Kind.DATE;
  }

  /** The smallest step between two values: a day for dates, a microsecond otherwise. */
  long step() {
    return dates() ? DAY : 1;
  }

  /** The microseconds of a value Spark returned for the column. */
  long micros(Object value) {
    if (value instanceof java.sql.Timestamp t) {
      return micros(t.toInstant());
    }
    if (value instanceof Instant i) {
      return micros(i);
    }
    if (value instanceof LocalDateTime t) {
      return micros(t.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toEpochDay() * DAY;
    }
    if (value instanceof LocalDate d) {
      return d.toEpochDay() * DAY;
    }
    throw new IllegalStateException("not a time value: " + value);
  }

  private static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  /** The literal of the column's type at {@code micros}. */
  Column literal(long micros) {
    return functions.lit(value(micros));
  }

  private Object value(long micros) {
    Instant instant = Instant.EPOCH.plus(Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000));
    switch (kind) {
      case TIMESTAMP:
        return instant;
      case TIMESTAMP_NTZ:
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      default:
        return LocalDate.ofEpochDay(Math.floorDiv(micros, DAY));
    }
  }

  /** {@code micros} as ISO-8601 text of the column's type: a date, or a date and time. */
  String format(long micros) {
    return value(micros).toString();
  }

  /**
   * The microseconds of a cut-off given as text: a date ({@code 2024-03-01}), a date and time
   * ({@code 2024-03-01T06:00}, read in {@code zone} for a timestamp column, as Spark reads such
   * text) or an instant ({@code 2024-03-01T06:00:00Z}).
   */
  long parse(String splitter, String text, ZoneId zone) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.length() == 10) {
        LocalDate date = LocalDate.parse(t);
        return kind == Kind.TIMESTAMP ? micros(date.atStartOfDay(zone).toInstant())
            : date.toEpochDay() * DAY;
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        Instant i = java.time.OffsetDateTime.parse(t).toInstant();
        return kind == Kind.TIMESTAMP ? micros(i)
            : micros(java.time.OffsetDateTime.parse(t).toLocalDateTime().toInstant(
                ZoneOffset.UTC));
      }
      LocalDateTime local = LocalDateTime.parse(t);
      return kind == Kind.TIMESTAMP ? micros(local.atZone(zone).toInstant())
          : micros(local.toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw TimeSplitErrors.badCutoff(splitter, text);
    }
  }

  /**
   * The microseconds of a duration: a number and a unit ({@code 30d}, {@code 6h}, {@code 2w},
   * {@code 15m}, {@code 90s}) or ISO-8601 ({@code P30D}, {@code PT6H}); throws naming {@code
   * param} when it is none of these or not above 0 (or below 0, when {@code zero} is allowed).
   */
  static long duration(String splitter, String param, String text, boolean zero) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    long micros;
    Matcher m = SHORT.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
          case "w" -> 7 * DAY;
          case "d" -> DAY;
          case "h" -> 3_600_000_000L;
          case "m" -> 60_000_000L;
          default -> 1_000_000L;
        };
        micros = Math.multiplyExact(n, unit);
      } else {
        Duration d = Duration.parse(text.trim());
        micros = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L),
            d.getNano() / 1000);
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException
        | NullPointerException e) {
      throw TimeSplitErrors.badDuration(splitter, param, text);
    }
    if (micros < 0 || micros == 0 && !zero) {
      throw TimeSplitErrors.badDuration(splitter, param, text);
    }
    return micros;
  }

  /** A duration in words: whole days as {@code 30d}, else ISO-8601. */
  static String describe(long micros) {
    if (micros % DAY == 0) {
      return micros / DAY + "d";
    }
    return Duration.ofSeconds(micros / 1_000_000L, (micros % 1_000_000L) * 1000).toString();
  }
}
