package org.sparktune;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.sparktune.schedule.Scheduler;
import org.sparktune.schedule.Schedulers;

/** A param holding a {@link Scheduler}, persisted as its name and configuration. */
public final class SchedulerParam extends Param<Scheduler> {

  private static final long serialVersionUID = 1L;

  /** A scheduler param of {@code parent}. */
  public SchedulerParam(Identifiable parent, String name, String doc) {
    super(parent, name, doc);
  }

  @Override
  public String jsonEncode(Scheduler value) {
    return Schedulers.toJson(value);
  }

  @Override
  public Scheduler jsonDecode(String json) {
    return Schedulers.fromJson(json);
  }
}
