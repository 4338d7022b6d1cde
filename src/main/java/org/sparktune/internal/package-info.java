/**
 * Helpers shared by the other packages and not part of the public API: the layout, format
 * version and class loading of saved stages, their errors, and the versions of this library,
 * Spark and Java.
 */
package org.sparktune.internal;
