package io.vigil.cli.plot;

import io.vigil.detect.BatchDetector;
import io.vigil.detect.gaussian.GaussianContour;
import io.vigil.detect.gaussian.MultivariateGaussian;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter of two features with the model's density contours and its flagged rows circled.
 *
 * <p>With two features the contours are the model's own: 1, 2 and 3 standard deviations
 * (Mahalanobis distance) and the threshold's boundary, outside which a point is flagged. With
 * more, they are the contours of the 2-D marginal of the Gaussian, and a point's flag comes
 * from all its features, so flagged points may lie inside them.
 */
public final class AnomalyScatterPlot {
  /** Colour of unflagged points. */
  public static final Color NORMAL = new Color(70, 110, 170);
  /** Colour of labelled anomalies. */
  public static final Color LABELLED = new Color(245, 150, 30);
  /** Colour of flag rings and the threshold boundary. */
  public static final Color FLAGGED = new Color(215, 25, 28);
  private static final Color CONTOUR = new Color(150, 150, 150);
  private static final int CONTOUR_POINTS = 200;

  private AnomalyScatterPlot() {}

  /**
   * Builds the chart.
   *
   * @param detector the model's detector; contours are drawn for a Gaussian
   * @param threshold the model's score threshold
   * @param rows rows in the detector's feature order
   * @param labels 0/1 per row, or null
   * @param flags whether each row is flagged
   * @param fx index of the feature on the x axis
   * @param fy index of the feature on the y axis
   */
  public static XYChart build(BatchDetector detector, double threshold, double[][] rows,
      int[] labels, boolean[] flags, int fx, int fy, String title, int width, int height) {
    List<String> names = detector.featureNames();
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle(names.get(fx)).yAxisTitle(names.get(fy)).build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setMarkerSize(5);
    styler.setAntiAlias(true);

    if (detector instanceof MultivariateGaussian g) {
      addContours(chart, g, threshold, fx, fy, names.size() == 2);
    }
    addPoints(chart, "normal", rows, fx, fy, i -> labels == null || labels[i] == 0,
        NORMAL, SeriesMarkers.CIRCLE);
    if (labels != null) {
      addPoints(chart, "labelled anomaly", rows, fx, fy, i -> labels[i] == 1, LABELLED,
          SeriesMarkers.DIAMOND);
    }
    addPoints(chart, "flagged (score above threshold)", rows, fx, fy, i -> flags[i], FLAGGED,
        new RingMarker(15, 2f));
    return chart;
  }

  /**
   * The two features that explain most of the flagged rows' deviation: the largest sums of
   * each feature's contribution to the score over flagged rows (over every row when none is
   * flagged), so the plot shows the view in which the anomalies stand out.
   *
   * @return two feature indexes, the larger first; a 2-feature model keeps its own order
   */
  public static int[] mostContributing(BatchDetector detector, double[][] rows,
      boolean[] flags) {
    int d = detector.featureNames().size();
    if (d < 2) {
      throw new IllegalArgumentException("a scatter plot needs at least 2 features");
    }
    if (d == 2) {
      return new int[] {0, 1};
    }
    boolean anyFlagged = false;
    for (boolean f : flags) {
      anyFlagged |= f;
    }
    double[] total = new double[d];
    for (int i = 0; i < rows.length; i++) {
      if (flags[i] || !anyFlagged) {
        double[] c = detector.contributions(rows[i]);
        for (int j = 0; j < d; j++) {
          total[j] += c[j];
        }
      }
    }
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(total[b], total[a]));
    return new int[] {order[0], order[1]};
  }

  private static void addContours(XYChart chart, MultivariateGaussian g, double threshold,
      int fx, int fy, boolean ownDensity) {
    MultivariateGaussian m = g.marginal(fx, fy);
    String suffix = ownDensity ? "" : " (marginal)";
    for (int sigma = 1; sigma <= 3; sigma++) {
      double[][] e = GaussianContour.ellipse(m, sigma, CONTOUR_POINTS);
      XYSeries s = chart.addSeries(sigma + "σ contour" + suffix, e[0], e[1]);
      styleLine(s, CONTOUR, new BasicStroke(1f));
    }
    if (ownDensity) {
      double r = g.mahalanobisRadiusAtScore(threshold);
      if (!Double.isNaN(r)) {
        double[][] e = GaussianContour.ellipse(m, r, CONTOUR_POINTS);
        XYSeries s = chart.addSeries(String.format(Locale.ROOT,
            "threshold boundary (%.2fσ, density ε = %.3e)", r, Math.exp(-threshold)), e[0], e[1]);
        styleLine(s, FLAGGED, new BasicStroke(2f));
      }
    }
  }

  private static void styleLine(XYSeries s, Color color, BasicStroke stroke) {
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(stroke);
  }

  private static XYSeries addPoints(XYChart chart, String name, double[][] rows, int fx, int fy,
      java.util.function.IntPredicate include, Color color,
      org.knowm.xchart.style.markers.Marker marker) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      if (include.test(i)) {
        xs.add(rows[i][fx]);
        ys.add(rows[i][fy]);
      }
    }
    if (xs.isEmpty()) {
      return null;
    }
    XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (%d)", name, xs.size()), xs, ys);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(color);
    return s;
  }
}
