package io.vigil.model;

import io.vigil.series.Dataset;

/**
 * Which data a model saw: enough to tell later whether a file is the one it was trained on.
 *
 * @param file the file name as the user gave it
 * @param sha256 SHA-256 of the file's bytes, lower-case hex; null when not read from a file
 * @param rows data rows read
 */
public record DataFingerprint(String file, String sha256, long rows) {

  /** The fingerprint of a dataset as read. */
  public static DataFingerprint of(Dataset data) {
    return new DataFingerprint(data.source(), data.sha256(), data.size());
  }
}
