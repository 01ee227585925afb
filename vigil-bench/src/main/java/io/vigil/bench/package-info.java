/** JMH benchmarks of Vigil's hot paths. */
package io.vigil.bench;
