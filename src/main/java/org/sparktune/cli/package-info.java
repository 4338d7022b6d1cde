/** The sparktune job: {@code tune --config FILE}, for spark-submit and local runs. */
package org.sparktune.cli;
