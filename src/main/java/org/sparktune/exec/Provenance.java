package org.sparktune.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparktune.delta.DeltaInput;
import org.sparktune.internal.Versions;
import org.sparktune.schedule.Fidelities;
import org.sparktune.schedule.Schedulers;
import org.sparktune.search.Samplers;
import org.sparktune.split.Splitters;

/** Where a study's results came from, recorded with every trial row. */
public final class Provenance {

  private Provenance() {}

  /**
   * The study and its input (for a Delta table: {@code input}, {@code inputTable} and {@code
   * inputVersion}), sampler, scheduler, fidelity, fold racing, splitter, seeds, stages and
   * versions of {@code spec}.
   */
  public static Map<String, String> of(SearchSpec spec) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("study", spec.studyName());
    String input = spec.input();
    if (!input.isEmpty()) {
      p.put("input", input);
      DeltaInput.parseTag(input).ifPresent(t -> {
        p.put("inputTable", t.table());
        p.put("inputVersion", Long.toString(t.version()));
      });
    }
    p.put("sampler", Samplers.toJson(spec.sampler()));
    p.put("scheduler", Schedulers.toJson(spec.scheduler()));
    p.put("fidelity", Fidelities.toJson(spec.fidelity()));
    p.put("raceFolds", Boolean.toString(spec.raceFolds()));
    p.put("reproducible", Boolean.toString(spec.loop().reproducible()));
    p.put("splitter", Splitters.toJson(spec.splitter()));
    p.put("studySeed", Long.toString(spec.seed()));
    p.put("estimator", spec.estimator().uid());
    p.put("evaluator", spec.evaluator().uid());
    p.put("sparktuneVersion", Versions.library());
    p.put("sparkVersion", Versions.spark());
    p.put("javaVersion", Versions.java());
    return p;
  }
}
