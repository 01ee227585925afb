package io.vigil.detect;

/**
 * One parameter of a streaming detector: its name, allowed range and default.
 *
 * @param name as specs write it ({@code window}, {@code alpha})
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @param byDefault the value when a spec leaves it out
 * @param integer whether only whole numbers are allowed
 * @param meaning what it changes, for help texts
 */
public record DetectorParameter(String name, double min, double max, double byDefault,
    boolean integer, String meaning) {

  public DetectorParameter {
    if (!(min <= byDefault && byDefault <= max)) {
      throw new IllegalArgumentException(name + ": default " + byDefault + " outside ["
          + min + ", " + max + "]");
    }
  }
}
