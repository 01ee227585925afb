package io.vigil.cli.plot;

import io.vigil.forecast.Crossing;
import io.vigil.forecast.Forecast;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** History, the forecast with its interval band, the limit line and the crossing marked. */
public final class ForecastPlot {
  private static final Color HISTORY = new Color(70, 110, 170);
  private static final Color FORECAST = new Color(230, 120, 20);
  private static final Color BAND = new Color(230, 120, 20, 60);
  private static final Color LIMIT = new Color(215, 25, 28);

  private ForecastPlot() {}

  /**
   * @param crossing the limit and where it is reached, or null without a limit
   */
  public static XYChart build(long[] times, double[] values, Forecast f, Crossing crossing,
      String title, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle("time (UTC)").yAxisTitle("value").build();
    chart.getStyler().setDatePattern("MM-dd HH:mm");
    chart.getStyler().setMarkerSize(12);
    XYSeries band = chart.addSeries(String.format(java.util.Locale.ROOT, "%.0f%% interval",
        100 * f.coverage()), dates(f.timesMs()), list(f.upper()));
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    band.setFillColor(BAND);
    band.setLineColor(BAND);
    band.setMarker(SeriesMarkers.NONE);
    XYSeries bottom = chart.addSeries(" ", dates(f.timesMs()), list(f.lower()));
    bottom.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    bottom.setFillColor(Color.WHITE);
    bottom.setLineColor(BAND);
    bottom.setMarker(SeriesMarkers.NONE);
    bottom.setShowInLegend(false);
    XYSeries history = chart.addSeries("history", dates(times), list(values));
    history.setLineColor(HISTORY);
    history.setMarker(SeriesMarkers.NONE);
    XYSeries mean = chart.addSeries("forecast", dates(f.timesMs()), list(f.mean()));
    mean.setLineColor(FORECAST);
    mean.setMarker(SeriesMarkers.NONE);
    if (crossing != null) {
      long from = times[0];
      long to = f.timesMs()[f.horizon() - 1];
      XYSeries limit = chart.addSeries("limit " + crossing.limit(),
          List.of(new Date(from), new Date(to)), List.of(crossing.limit(), crossing.limit()));
      limit.setLineColor(LIMIT);
      limit.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
          10f, new float[] {6f, 4f}, 0f));
      limit.setMarker(SeriesMarkers.NONE);
      if (crossing.withinHorizon()) {
        XYSeries at = chart.addSeries("crossing", List.of(new Date(crossing.expectedMs())),
            List.of(crossing.limit()));
        at.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        at.setMarker(SeriesMarkers.DIAMOND);
        at.setMarkerColor(LIMIT);
      }
    }
    return chart;
  }

  private static List<Date> dates(long[] t) {
    List<Date> d = new ArrayList<>(t.length);
    for (long x : t) {
      d.add(new Date(x));
    }
    return d;
  }

  private static List<Double> list(double[] v) {
    List<Double> l = new ArrayList<>(v.length);
    for (double x : v) {
      l.add(x);
    }
    return l;
  }
}
