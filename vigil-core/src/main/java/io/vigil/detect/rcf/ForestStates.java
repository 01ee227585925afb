package io.vigil.detect.rcf;

import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What both forest detectors share: a forest's state in a snapshot (the library's own mapper,
 * as gzipped JSON, length first) and the value a forest expected.
 */
final class ForestStates {
  private static final int MAX_STATE_BYTES = 64 << 20;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ForestStates() {}

  static void write(ThresholdedRandomCutForest forest, DataOutput out) throws IOException {
    ThresholdedRandomCutForestState state = new ThresholdedRandomCutForestMapper().toState(forest);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      JSON.writeValue(gzip, state);
    }
    out.writeInt(bytes.size());
    out.write(bytes.toByteArray());
  }

  /** The forest's expected value for the latest point when it flagged it, else NaN. */
  static double expectedValue(AnomalyDescriptor d) {
    double[][] expected = d.getExpectedValuesList();
    if (d.getAnomalyGrade() > 0 && expected != null && expected.length > 0
        && expected[0] != null && expected[0].length > 0) {
      return expected[0][expected[0].length - 1];
    }
    return Double.NaN;
  }

  static ThresholdedRandomCutForest read(DataInput in, long seed) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_STATE_BYTES) {
      throw new IOException("a forest state of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    ThresholdedRandomCutForestState state;
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      state = JSON.readValue(gzip, ThresholdedRandomCutForestState.class);
    }
    return new ThresholdedRandomCutForestMapper().toModel(state, seed);
  }
}
