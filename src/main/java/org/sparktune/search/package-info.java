/**
 * Samplers: the ask half of ask/tell. A {@link org.sparktune.search.Sampler} proposes a point
 * from the study's history ({@link org.sparktune.search.Observation}s); plain Java, no Spark.
 * Grid, random, scrambled Sobol (QMC), TPE and GP samplers live here, the TPE and GP
 * mathematics in {@code search.tpe} and {@code search.gp}.
 * {@link org.sparktune.search.UnitScale} maps every dimension to the unit interval so all
 * samplers treat dimensions alike; {@link org.sparktune.search.Samplers} builds a sampler from
 * its name and options and is the JSON codec.
 */
package org.sparktune.search;
