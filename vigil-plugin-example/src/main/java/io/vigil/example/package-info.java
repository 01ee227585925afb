/** An example plug-in: one streaming and one multivariate detector. */
package io.vigil.example;
