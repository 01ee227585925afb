package io.vigil.eval.nab;

/** NAB's application profiles: the weights of a true positive, false positive and miss. */
public enum NabProfile {
  STANDARD("standard", 1.0, 0.11, 1.0),
  REWARD_LOW_FP("reward_low_FP_rate", 1.0, 0.22, 1.0),
  REWARD_LOW_FN("reward_low_FN_rate", 1.0, 0.11, 2.0);

  private final String nabName;
  private final double tpWeight;
  private final double fpWeight;
  private final double fnWeight;

  NabProfile(String nabName, double tpWeight, double fpWeight, double fnWeight) {
    this.nabName = nabName;
    this.tpWeight = tpWeight;
    this.fpWeight = fpWeight;
    this.fnWeight = fnWeight;
  }

  /** The name NAB uses. */
  public String nabName() {
    return nabName;
  }

  public double tpWeight() {
    return tpWeight;
  }

  public double fpWeight() {
    return fpWeight;
  }

  public double fnWeight() {
    return fnWeight;
  }
}
