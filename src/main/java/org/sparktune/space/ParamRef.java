package org.sparktune.space;

import java.io.Serializable;

/**
 * Where a dimension lives in an estimator: the uid of its stage and the name of its param.
 *
 * @param stageUid uid of the stage (an MLlib {@code Params}) that owns the param
 * @param paramName the param's name on that stage
 */
public record ParamRef(String stageUid, String paramName) implements Serializable {

  @Override
  public String toString() {
    return stageUid + "." + paramName;
  }
}
