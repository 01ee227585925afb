package io.vigil.cli;

import io.vigil.detect.gaussian.CovarianceType;
import io.vigil.threshold.ThresholdMethod;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors say what the valid values are. */
final class Converters {
  private Converters() {}

  /** {@code diagonal} or {@code full}. */
  static final class Covariance implements ITypeConverter<CovarianceType> {
    @Override
    public CovarianceType convert(String value) {
      try {
        return CovarianceType.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code f1-step-sweep}, {@code f1-exact} or {@code contamination}. */
  static final class Threshold implements ITypeConverter<ThresholdMethod> {
    @Override
    public ThresholdMethod convert(String value) {
      try {
        return ThresholdMethod.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
