/**
 * The HTML report of a study: one self-contained file (Plotly inlined from its webjar, no
 * network needed to view it) with the study's summary, optimisation history, parallel
 * coordinates, one slice plot a parameter, parameter importance from a random-forest surrogate,
 * the rungs of a multi-fidelity schedule, and every trial in a table. {@link
 * org.sparktune.report.StudyReport} renders it from a {@link org.sparktune.report.ReportInput},
 * which a fitted model, a {@link org.sparktune.study.Study} or a Delta study log fills. The
 * other classes build one part of the page each; every user text is escaped by {@link
 * org.sparktune.report.Html}.
 */
package org.sparktune.report;
