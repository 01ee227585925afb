package io.vigil.detect.rarity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * How often a series has taken each value, overall and per context (say, hour of day), with
 * old observations fading: the memory behind {@link RarityDetector}.
 *
 * <p>Layout: {@code bins} coarse bins, each split into {@code shifts} fine bins. A value's
 * probability is averaged over the {@code shifts} coarse grids offset by one fine bin each (an
 * averaged shifted histogram), so where a bin edge falls matters little. The range grows when a
 * value falls outside it, by doubling the bin width and merging neighbouring bins, so the
 * memory stays fixed however far a series wanders. A context's probability backs off to the
 * overall one (a Dirichlet prior of weight {@code backoff}), so a context with little history
 * behaves like the whole series and one with much history speaks for itself. Counts decay with
 * a half-life in points, kept as a growing weight so no point touches every bin.
 *
 * <p>Counts are held to 24 bits (a float with its last 8 mantissa bits rounded off, a relative
 * precision of 1.5e-5, far below what a surprisal can tell), so a checkpoint writes each in 3
 * bytes and a restored histogram continues bit for bit. The overall counts and the total are
 * not written but summed from the contexts' in a fixed order, so they follow from what is.
 *
 * <p>Known limit: the range never narrows again, so one absurd value (1e300 on a series of
 * tens) leaves the bins that wide; the series then only tells values bin-widths apart.
 *
 * <p>Written by hand: streaming histogram and sketch libraries (t-digest, KLL, HdrHistogram)
 * offer neither decay nor contexts nor a density at a point, which is what rarity needs.
 */
public final class ValueHistogram {
  private static final double RESCALE_AT = 1e30;
  /** Enough doublings to span any two finite doubles. */
  private static final int MAX_DOUBLINGS = 2100;
  private static final int OWN_QUANTILES = 10;

  private final int bins;
  private final int shifts;
  private final int fine;
  private final int contexts;
  private final double halfLife;
  private final double decay;
  private final double prior;
  private final double backoff;

  /** The contexts' counts summed, bin by bin: derived, never written. */
  private final float[] overall;
  private final float[][] byContext;
  /** Each context's count, held as a float so that the total summed from them is exact. */
  private final float[] contextTotal;
  /** The contexts' counts summed in order: derived, never written. */
  private double total;
  private double weight = 1;
  private double low = Double.NaN;
  private double fineWidth = Double.NaN;

  /**
   * @param bins coarse bins across the range
   * @param shifts fine bins per coarse bin: the number of shifted grids averaged
   * @param contexts how many contexts values are counted in
   * @param halfLife points after which an observation's weight has halved
   * @param prior pseudo-count per coarse bin, so an unseen value is rare but not impossible
   * @param backoff how many observations' worth of the overall distribution a context starts
   *     from
   */
  public ValueHistogram(int bins, int shifts, int contexts, double halfLife, double prior,
      double backoff) {
    if (bins < 2 || shifts < 1 || contexts < 1 || !(halfLife >= 1) || !(prior > 0)
        || !(backoff > 0)) {
      throw new IllegalArgumentException("bins >= 2, shifts >= 1, contexts >= 1, halfLife >= 1,"
          + " prior > 0 and backoff > 0 are required");
    }
    this.bins = bins;
    this.shifts = shifts;
    this.fine = bins * shifts;
    this.contexts = contexts;
    this.halfLife = halfLife;
    this.decay = Math.pow(0.5, 1 / halfLife);
    this.prior = prior;
    this.backoff = backoff;
    this.overall = new float[fine];
    this.byContext = new float[contexts][fine];
    this.contextTotal = new float[contexts];
  }

  /** The number of contexts. */
  public int contexts() {
    return contexts;
  }

  /** Whether the range has been set. */
  public boolean ranged() {
    return !Double.isNaN(low);
  }

  /**
   * Places the range so that {@code [min, max]} fills its middle half: room to move either way
   * before the bins have to widen.
   */
  public void setRange(double min, double max) {
    if (!(max >= min) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("a finite range with max >= min is required");
    }
    double span = max - min;
    if (span <= 0) {
      span = Math.max(1e-9, Math.abs(min) * 1e-3);
    }
    fineWidth = 2 * span / fine;
    low = min - span / 2;
  }

  /** Widens the range until it holds {@code x} (a no-op when it already does). */
  public void cover(double x) {
    requireRanged();
    for (int i = 0; i < MAX_DOUBLINGS && x >= low + fine * fineWidth; i++) {
      widen(true);
    }
    for (int i = 0; i < MAX_DOUBLINGS && x < low; i++) {
      widen(false);
    }
  }

  /**
   * −log of the probability of {@code x}'s coarse bin in {@code context}, averaged over the
   * shifted grids: 0 for a value seen always, large for one never seen.
   */
  public double surprisal(double x, int context) {
    int f = fineBin(x);
    float[] own = byContext[context];
    double product = 1; // one log of the product rather than one per grid
    for (int s = 0; s < shifts; s++) {
      int start = f - Math.floorMod(f - s, shifts);
      double inOverall = 0;
      double inContext = 0;
      for (int g = Math.max(0, start); g < Math.min(fine, start + shifts); g++) {
        inOverall += overall[g];
        inContext += own[g];
      }
      double pOverall = (inOverall + prior * weight) / (total + prior * weight * bins);
      double p = (inContext + backoff * weight * pOverall)
          / (contextTotal[context] + backoff * weight);
      product *= p;
    }
    return -Math.log(product) / shifts;
  }

  /**
   * The values below which the fractions {@code qs} (ascending) of {@code context}'s
   * distribution lie, interpolated within a fine bin, in one pass. A context with fewer than
   * {@value #OWN_QUANTILES} backoffs' worth of observations is backed off to the overall
   * distribution as in {@link #surprisal}; one with more speaks for itself, so the night's
   * band is not stretched by the day's values.
   */
  public double[] quantiles(int context, double... qs) {
    requireRanged();
    double[] out = new double[qs.length];
    float[] own = byContext[context];
    boolean ownOnly = contextTotal[context] >= OWN_QUANTILES * backoff * weight;
    double mix = total > 0 && !ownOnly ? backoff * weight / total : 0;
    double mass = contextTotal[context] + (mix > 0 ? backoff * weight : 0);
    if (mass <= 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    int k = 0;
    double acc = 0;
    for (int g = 0; g < fine && k < qs.length; g++) {
      double m = own[g] + mix * overall[g];
      while (k < qs.length && m > 0 && acc + m >= qs[k] * mass) {
        out[k] = low + (g + (qs[k] * mass - acc) / m) * fineWidth;
        k++;
      }
      acc += m;
    }
    for (; k < qs.length; k++) {
      out[k] = low + fine * fineWidth;
    }
    return out;
  }

  /** Counts {@code x} in {@code context} (and overall). Call {@link #cover} first. */
  public void learn(double x, int context) {
    int f = fineBin(x);
    byContext[context][f] = to24Bits(byContext[context][f] + (float) weight);
    overall[f] = overallAt(f);
    contextTotal[context] += (float) weight;
    total = sumOfContexts();
    weight /= decay;
    if (weight > RESCALE_AT) {
      rescale();
    }
  }

  private int fineBin(double x) {
    requireRanged();
    double pos = Math.floor((x - low) / fineWidth);
    return (int) Math.max(0, Math.min(fine - 1, pos));
  }

  private void requireRanged() {
    if (!ranged()) {
      throw new IllegalStateException("the range is not set yet");
    }
  }

  /** Doubles the bin width, keeping the low end (upward) or the high end (downward). */
  private void widen(boolean upward) {
    double high = low + fine * fineWidth;
    if (!Double.isFinite(2 * fine * fineWidth)) {
      return; // as wide as doubles go; out-of-range values land in the edge bins
    }
    for (float[] row : byContext) {
      merge(row, upward);
    }
    sumOverall();
    fineWidth *= 2;
    if (!upward) {
      low = high - fine * fineWidth;
    }
  }

  private static void merge(float[] counts, boolean upward) {
    int n = counts.length;
    float[] merged = new float[n];
    for (int i = 0; i < n; i++) {
      int to = upward ? i / 2 : n - 1 - (n - 1 - i) / 2;
      merged[to] += counts[i];
    }
    for (int i = 0; i < n; i++) {
      counts[i] = to24Bits(merged[i]);
    }
  }

  /** The overall count of fine bin {@code g}: the contexts' counts summed in order. */
  private float overallAt(int g) {
    float sum = 0;
    for (int c = 0; c < contexts; c++) {
      sum += byContext[c][g];
    }
    return sum;
  }

  private void sumOverall() {
    for (int g = 0; g < fine; g++) {
      overall[g] = overallAt(g);
    }
  }

  private double sumOfContexts() {
    double sum = 0;
    for (float t : contextTotal) {
      sum += t;
    }
    return sum;
  }

  /** {@code x} (a non-negative count) rounded to the nearest float whose last 8 bits are 0. */
  static float to24Bits(float x) {
    return Float.intBitsToFloat((Float.floatToRawIntBits(x) + 0x80) & 0xFFFF_FF00);
  }

  private void rescale() {
    for (int c = 0; c < contexts; c++) {
      float[] row = byContext[c];
      for (int g = 0; g < fine; g++) {
        row[g] = to24Bits((float) (row[g] / weight));
      }
      contextTotal[c] = (float) (contextTotal[c] / weight);
    }
    sumOverall();
    total = sumOfContexts();
    weight = 1;
  }

  /**
   * Writes parameters and state; each context's row stores only its non-zero bins (a bitmap
   * over the span between its first and last, then their counts in 3 bytes each; the span's
   * start and length in a byte each when the row has at most 255 bins): a context's
   * values cluster, so most of a row, and of its span, is empty.
   */
  public void write(DataOutput out) throws IOException {
    out.writeInt(bins);
    out.writeInt(shifts);
    out.writeInt(contexts);
    out.writeDouble(halfLife);
    out.writeDouble(prior);
    out.writeDouble(backoff);
    out.writeDouble(low);
    out.writeDouble(fineWidth);
    out.writeDouble(weight);
    for (int c = 0; c < contexts; c++) {
      out.writeFloat(contextTotal[c]);
      writeRow(byContext[c], out);
    }
  }

  /**
   * Reads what {@link #write} wrote in rarity's state layout {@code version}: 1 and 2 held
   * every count of a row's span as a float, 3 only the non-zero ones; all three wrote the
   * overall row, which is now summed from the contexts instead (and their counts rounded to
   * 24 bits), so an older histogram continues within rounding of where it was.
   */
  public static ValueHistogram read(DataInput in, int version) throws IOException {
    int bins = in.readInt();
    int shifts = in.readInt();
    int contexts = in.readInt();
    if (bins < 2 || bins > 4096 || shifts < 1 || shifts > 64 || contexts < 1
        || contexts > 10_000) {
      throw new IOException("implausible histogram shape " + bins + "x" + shifts + "x"
          + contexts);
    }
    ValueHistogram h;
    try {
      h = new ValueHistogram(bins, shifts, contexts, in.readDouble(), in.readDouble(),
          in.readDouble());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    h.low = in.readDouble();
    h.fineWidth = in.readDouble();
    if (version < 4) {
      in.readDouble(); // the total, now summed from the contexts'
    }
    h.weight = in.readDouble();
    if (version < 4) {
      readRow(new float[h.fine], in, version);
    }
    for (int c = 0; c < contexts; c++) {
      h.contextTotal[c] = version < 4 ? (float) in.readDouble() : in.readFloat();
      float[] row = h.byContext[c];
      readRow(row, in, version);
      for (int g = 0; g < row.length; g++) {
        row[g] = to24Bits(row[g]);
      }
    }
    h.sumOverall();
    h.total = h.sumOfContexts();
    return h;
  }

  /** Rows of at most this many fine bins give their span in bytes rather than shorts. */
  private static final int SMALL_ROW = 255;

  private static void writeRow(float[] row, DataOutput out) throws IOException {
    int first = 0;
    while (first < row.length && row[first] == 0) {
      first++;
    }
    int last = row.length - 1;
    while (last >= first && row[last] == 0) {
      last--;
    }
    int length = last - first + 1;
    if (row.length <= SMALL_ROW) {
      out.writeByte(first);
      out.writeByte(length);
    } else {
      out.writeShort(first);
      out.writeShort(length);
    }
    for (int byteStart = first; byteStart <= last; byteStart += 8) {
      int bits = 0;
      for (int k = 0; k < 8 && byteStart + k <= last; k++) {
        bits |= row[byteStart + k] != 0 ? 1 << k : 0;
      }
      out.writeByte(bits);
    }
    for (int g = first; g <= last; g++) {
      if (row[g] != 0) {
        int bits = Float.floatToRawIntBits(row[g]);
        out.writeShort(bits >>> 16);
        out.writeByte(bits >>> 8);
      }
    }
  }

  private static void readRow(float[] row, DataInput in, int version) throws IOException {
    boolean small = version >= 4 && row.length <= SMALL_ROW;
    int first = small ? in.readUnsignedByte() : in.readUnsignedShort();
    int length = small ? in.readUnsignedByte() : in.readShort();
    if (length < 0 || first + length > row.length) {
      throw new IOException("a histogram row outside its " + row.length + " bins");
    }
    if (version < 3) {
      for (int g = first; g < first + length; g++) {
        row[g] = in.readFloat();
      }
      return;
    }
    boolean[] present = new boolean[length];
    for (int byteStart = 0; byteStart < length; byteStart += 8) {
      int bits = in.readUnsignedByte();
      for (int k = 0; k < 8 && byteStart + k < length; k++) {
        present[byteStart + k] = (bits & 1 << k) != 0;
      }
    }
    for (int k = 0; k < length; k++) {
      if (present[k]) {
        row[first + k] = version < 4 ? in.readFloat()
            : Float.intBitsToFloat(in.readUnsignedShort() << 16 | in.readUnsignedByte() << 8);
      }
    }
  }
}
