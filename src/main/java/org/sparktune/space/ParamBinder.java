package org.sparktune.space;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.Option;

/** Binds a space's params to the stages of an estimator and types values for them. */
final class ParamBinder {

  private ParamBinder() {}

  static SearchSpace bind(SearchSpace space, Params estimator) {
    Map<String, Params> stages = stagesByUid(estimator);
    Map<String, Param<?>> bound = new LinkedHashMap<>();
    for (Map.Entry<String, ParamRef> e : space.paramRefs().entrySet()) {
      String name = e.getKey();
      ParamRef ref = e.getValue();
      Params stage = stages.get(ref.stageUid());
      if (stage == null || !stage.hasParam(ref.paramName())) {
        throw SpaceErrors.paramNotInEstimator(name, ref.stageUid(), stages.keySet());
      }
      Param<?> param = stage.getParam(ref.paramName());
      for (Object value : probeValues(space, name)) {
        checkValue(name, param, stage, value);
      }
      bound.put(name, param);
    }
    return space.copyWithParams(bound);
  }

  /**
   * The estimator and, for a Pipeline, a PipelineModel or any {@link NestedStages}, its stages
   * (recursively), by uid.
   */
  static Map<String, Params> stagesByUid(Params estimator) {
    Map<String, Params> out = new LinkedHashMap<>();
    collect(estimator, out);
    return out;
  }

  private static void collect(Params p, Map<String, Params> out) {
    out.put(p.uid(), p);
    if (p instanceof Pipeline pipeline && pipeline.isDefined(pipeline.stages())) {
      for (PipelineStage stage : pipeline.getStages()) {
        collect(stage, out);
      }
    } else if (p instanceof PipelineModel model) {
      for (Transformer stage : model.stages()) {
        collect(stage, out);
      }
    } else if (p instanceof NestedStages nested) {
      for (Params stage : nested.nestedStages()) {
        collect(stage, out);
      }
    }
  }

  /** Values that stand for a dimension when checking it against its param: bounds or choices. */
  private static List<Object> probeValues(SearchSpace space, String name) {
    Dimension d = space.dimension(name);
    List<Object> out = new ArrayList<>();
    if (d == null) {
      out.add(space.fixedValues().get(name));
    } else if (d.distribution() instanceof FloatRange r) {
      out.add(r.low());
      out.add(r.high());
    } else if (d.distribution() instanceof IntRange r) {
      out.add(r.low());
      out.add(r.high());
    } else if (d.distribution() instanceof Categorical c) {
      out.addAll(c.choices());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void checkValue(String name, Param<?> param, Params stage, Object value) {
    Object typed = toParamValue(name, param, value);
    if (!(param instanceof IntParam || param instanceof LongParam || param instanceof DoubleParam
        || param instanceof FloatParam || param instanceof BooleanParam)) {
      Option<?> current = stage.getDefault(param);
      if (current.isDefined() && !current.get().getClass().isInstance(typed)) {
        throw SpaceErrors.wrongValueType(name, "a " + current.get().getClass().getSimpleName()
            + " param", value, current.get().getClass().getSimpleName());
      }
    }
    boolean valid;
    try {
      valid = ((Param<Object>) param).isValid().apply(typed) instanceof Boolean b && b;
    } catch (ClassCastException e) {
      throw SpaceErrors.wrongValueType(name, "a param of another type", value,
          "values of the param's own type");
    }
    if (!valid) {
      throw SpaceErrors.invalidForParam(name, value, param.doc());
    }
  }

  /** Converts a plain value (Double, Long, String, Boolean) to what {@code param} holds. */
  static Object toParamValue(String name, Param<?> param, Object value) {
    if (param instanceof IntParam) {
      if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return l.intValue();
      }
      throw SpaceErrors.wrongValueType(name, "an int param", value, "int");
    }
    if (param instanceof LongParam) {
      if (value instanceof Long) {
        return value;
      }
      throw SpaceErrors.wrongValueType(name, "a long param", value, "int or long");
    }
    if (param instanceof DoubleParam) {
      if (value instanceof Double || value instanceof Long) {
        return ((Number) value).doubleValue();
      }
      throw SpaceErrors.wrongValueType(name, "a double param", value, "double");
    }
    if (param instanceof FloatParam) {
      if (value instanceof Double || value instanceof Long) {
        return ((Number) value).floatValue();
      }
      throw SpaceErrors.wrongValueType(name, "a float param", value, "double");
    }
    if (param instanceof BooleanParam) {
      if (value instanceof Boolean) {
        return value;
      }
      throw SpaceErrors.wrongValueType(name, "a boolean param", value, "boolean");
    }
    return value;
  }
}
