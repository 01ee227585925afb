/** Plug-ins: detectors added from jars through {@link java.util.ServiceLoader}. */
package io.vigil.plugin;
