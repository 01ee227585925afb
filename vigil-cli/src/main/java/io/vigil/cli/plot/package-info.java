/** PNG charts drawn with XChart: scatter plots of rows with model contours and flags. */
package io.vigil.cli.plot;
