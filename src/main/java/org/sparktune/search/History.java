package org.sparktune.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A study's history as model-based samplers read it: the trials that finished with a finite
 * loss, and the trials still running (which they treat as pending, not as data).
 *
 * @param complete trials COMPLETE with a finite loss, in the order given
 * @param running trials still RUNNING, in the order given
 */
record History(List<Observation> complete, List<Observation> running) {

  static History of(SamplingContext context) {
    List<Observation> complete = new ArrayList<>();
    List<Observation> running = new ArrayList<>();
    for (Observation o : context.history()) {
      if (o.status() == Observation.Status.COMPLETE && Double.isFinite(o.loss())) {
        complete.add(o);
      } else if (o.status() == Observation.Status.RUNNING) {
        running.add(o);
      }
    }
    return new History(complete, running);
  }
}
