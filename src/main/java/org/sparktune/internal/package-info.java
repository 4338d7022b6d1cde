/** Helpers shared by the other packages and not part of the public API. */
package org.sparktune.internal;
