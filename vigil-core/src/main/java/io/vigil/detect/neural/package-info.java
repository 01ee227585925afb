/** A neural detector: a dense autoencoder, trained in plain Java. */
package io.vigil.detect.neural;
