package org.sparktune.internal;

import java.io.Serializable;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;

/**
 * A param whose value is not a primitive (a search space, a sampler, a scheduler, a splitter)
 * and travels as JSON through its own codec, so MLlib persistence and Spark Connect carry it.
 *
 * @param <T> the value's type
 */
public final class JsonParam<T> extends Param<T> {

  private static final long serialVersionUID = 1L;

  /** A function that can travel with a serialised param. */
  @FunctionalInterface
  public interface Fn<A, B> extends Serializable {
    /** Applies the function. */
    B apply(A a);
  }

  private final Fn<T, String> encode;
  private final Fn<String, T> decode;

  /** A param of {@code parent} whose values become JSON by {@code encode}, and back. */
  public JsonParam(Identifiable parent, String name, String doc, Fn<T, String> encode,
      Fn<String, T> decode) {
    super(parent, name, doc);
    this.encode = encode;
    this.decode = decode;
  }

  @Override
  public String jsonEncode(T value) {
    return encode.apply(value);
  }

  @Override
  public T jsonDecode(String json) {
    return decode.apply(json);
  }
}
