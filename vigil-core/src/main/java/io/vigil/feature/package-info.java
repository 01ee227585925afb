/** Derived inputs computed point by point: differences, rolling means. */
package io.vigil.feature;
