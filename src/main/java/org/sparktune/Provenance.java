package org.sparktune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparktune.internal.Versions;

/** Where a study's results came from, recorded with every trial row. */
final class Provenance {

  private Provenance() {}

  static Map<String, String> of(HyperparameterSearch search) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sampler", search.sampler().jsonEncode(search.getSampler()));
    p.put("scheduler", search.scheduler().jsonEncode(search.getScheduler()));
    p.put("reproducible", Boolean.toString(search.getReproducible()));
    p.put("splitter", search.splitter().jsonEncode(search.getSplitter()));
    p.put("studySeed", Long.toString(search.getSeed()));
    p.put("estimator", search.getEstimator().uid());
    p.put("evaluator", search.getEvaluator().uid());
    p.put("sparktuneVersion", Versions.library());
    p.put("sparkVersion", Versions.spark());
    p.put("javaVersion", Versions.java());
    return p;
  }
}
