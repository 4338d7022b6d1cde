package org.sparktune;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.sparktune.search.Sampler;
import org.sparktune.search.Samplers;

/** A param holding a {@link Sampler}, persisted as its name and configuration. */
public final class SamplerParam extends Param<Sampler> {

  private static final long serialVersionUID = 1L;

  /** A sampler param of {@code parent}. */
  public SamplerParam(Identifiable parent, String name, String doc) {
    super(parent, name, doc);
  }

  @Override
  public String jsonEncode(Sampler value) {
    return Samplers.toJson(value);
  }

  @Override
  public Sampler jsonDecode(String json) {
    return Samplers.fromJson(json);
  }
}
