package io.vigil.cli.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import org.knowm.xchart.style.markers.Marker;

/**
 * A hollow circle drawn around a point, so a flagged point stays visible inside it. XChart's
 * own markers are filled and all the same size, which would hide the point they mark.
 */
final class RingMarker extends Marker {
  private final double diameter;
  private final BasicStroke stroke;

  RingMarker(double diameter, float lineWidth) {
    this.diameter = diameter;
    this.stroke = new BasicStroke(lineWidth);
  }

  @Override
  public void paint(Graphics2D g, double x, double y, int markerSize) {
    g.setStroke(stroke);
    g.draw(new Ellipse2D.Double(x - diameter / 2, y - diameter / 2, diameter, diameter));
  }
}
