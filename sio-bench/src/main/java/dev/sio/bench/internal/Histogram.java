package dev.sio.bench.internal;

/**
 * A small fixed-bucket log-linear histogram of non-negative {@code long} values (nanoseconds): 64
 * linear buckets below 64, then 64 buckets per power of two up to 2^37 (about 137 s), so a value is
 * reported within 1/64 (1.6 %) of itself. Larger values fall into the last bucket, reported as the
 * largest value recorded.
 *
 * <p>Not thread-safe: one owner thread records; others read after a happens-before edge (the
 * owner's event loop ran a task for them).
 */
public final class Histogram {
  private static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS; // buckets per power of two
  private static final int MAX_EXP = 37;
  private static final int BUCKETS = SUB + (MAX_EXP - SUB_BITS) * SUB;

  private final long[] counts = new long[BUCKETS]; // owner thread
  private long total; // owner thread
  private long sum; // owner thread
  private long max; // owner thread
  private long min = Long.MAX_VALUE; // owner thread

  /** Records one value; negative values count as zero. */
  public void record(long value) {
    long v = value < 0 ? 0 : value;
    counts[index(v)]++;
    total++;
    sum += v;
    if (v > max) {
      max = v;
    }
    if (v < min) {
      min = v;
    }
  }

  /** Adds every value recorded in {@code other} to this histogram. */
  public void add(Histogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    sum += other.sum;
    max = Math.max(max, other.max);
    min = Math.min(min, other.min);
  }

  /** Forgets every value. */
  public void reset() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
    sum = 0;
    max = 0;
    min = Long.MAX_VALUE;
  }

  /** How many values were recorded. */
  public long count() {
    return total;
  }

  /** The largest value recorded, or 0. */
  public long max() {
    return max;
  }

  /** The smallest value recorded, or 0 when empty. */
  public long min() {
    return total == 0 ? 0 : min;
  }

  /** The mean of the recorded values, or 0 when empty. */
  public double mean() {
    return total == 0 ? 0 : (double) sum / total;
  }

  /**
   * The value at {@code percentile} (0 to 100): the highest value of the bucket holding that rank,
   * capped by the largest value recorded; 0 when empty.
   */
  public long percentile(double percentile) {
    if (percentile < 0 || percentile > 100) {
      throw new IllegalArgumentException("percentile must be within 0..100: " + percentile);
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i == BUCKETS - 1 ? max : Math.min(highestInBucket(i), max);
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v);
    if (exp >= MAX_EXP) {
      return BUCKETS - 1;
    }
    int shift = exp - SUB_BITS;
    int sub = (int) (v >>> shift) & (SUB - 1);
    return SUB + shift * SUB + sub;
  }

  static long highestInBucket(int index) {
    if (index < SUB) {
      return index;
    }
    int shift = (index - SUB) / SUB;
    int sub = (index - SUB) % SUB;
    long lowest = (long) (SUB + sub) << shift;
    return lowest + (1L << shift) - 1;
  }
}
