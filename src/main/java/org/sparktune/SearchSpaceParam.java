package org.sparktune;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.sparktune.space.SearchSpace;

/** A param holding a {@link SearchSpace}, persisted as the space's JSON. */
public final class SearchSpaceParam extends Param<SearchSpace> {

  private static final long serialVersionUID = 1L;

  /** A search-space param of {@code parent}. */
  public SearchSpaceParam(Identifiable parent, String name, String doc) {
    super(parent, name, doc);
  }

  @Override
  public String jsonEncode(SearchSpace value) {
    return value.toJson();
  }

  @Override
  public SearchSpace jsonDecode(String json) {
    return SearchSpace.fromJson(json);
  }
}
