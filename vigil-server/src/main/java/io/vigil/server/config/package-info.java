/** The service's configuration file: detectors per series, alert rules, notifiers. */
package io.vigil.server.config;
