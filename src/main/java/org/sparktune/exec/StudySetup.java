package org.sparktune.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.sparktune.split.Splitters;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a study tunes, as text its log records with each run (see {@code Study.create} with a
 * setup): the estimator (each stage's class and the params set on it, in order, no uids, so a
 * pipeline built again the same way in a new JVM reads the same), the splitter's JSON and the
 * evaluator (its class and params).
 */
final class StudySetup {

  private StudySetup() {}

  /** The setup of {@code spec}: {@code estimator}, {@code splitter}, {@code evaluator}. */
  static Map<String, String> of(SearchSpec spec) {
    Map<String, String> setup = new LinkedHashMap<>();
    setup.put("estimator", describe(spec.estimator()));
    setup.put("splitter", Splitters.toJson(spec.splitter()));
    setup.put("evaluator", describe(spec.evaluator()));
    return setup;
  }

  /** A stage as its class and the params set on it; a pipeline as its stages. */
  static String describe(Params stage) {
    if (stage instanceof Pipeline pipeline) {
      List<String> stages = new ArrayList<>();
      for (PipelineStage s : pipeline.getStages()) {
        stages.add(describe(s));
      }
      return "Pipeline[" + String.join(", ", stages) + "]";
    }
    Map<String, String> set = new TreeMap<>();
    for (ParamPair<?> pair : CollectionConverters.asJava(stage.extractParamMap().toSeq())) {
      Param<?> param = pair.param();
      if (stage.isSet(param)) {
        set.put(param.name(), value(pair.value()));
      }
    }
    return stage.getClass().getSimpleName() + set;
  }

  private static String value(Object v) {
    if (v instanceof Params p) {
      return describe(p);
    }
    if (v instanceof Object[] array) {
      List<String> out = new ArrayList<>();
      for (Object o : array) {
        out.add(value(o));
      }
      return out.toString();
    }
    if (v instanceof double[] d) {
      return Arrays.toString(d);
    }
    if (v instanceof int[] i) {
      return Arrays.toString(i);
    }
    return String.valueOf(v);
  }
}
