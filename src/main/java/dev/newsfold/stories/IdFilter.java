package dev.newsfold.stories;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * One segment of a blocked Bloom filter over article ids: a bounded side input that tells a pass over all articles
 * which few of them a later step needs, without shipping an id set that could grow with the corpus. A false
 * positive only costs one record that finds no partner in the join after it; there are no false negatives.
 *
 * <p>An id belongs to one of {@link #SEGMENTS} segments (the top bits of its hash) and sets its 4 probes there, so
 * the filter is built per segment ({@code Combine.perKey}) and read as a map: no record is larger than one segment
 * (16 KB; Flink's sort buffers refuse records of ~360 KB), and all segments together are 1 MB. False positives:
 * ~5e-6 at 100k ids, ~2% at 1M.
 */
final class IdFilter implements Serializable {
  static final int SEGMENTS = 64;
  static final int LOG2_BITS = 17; // per segment
  static final int PROBES = 4;

  /** The segment that holds {@code id}'s bits. */
  static int segmentOf(String id) {
    return (int) (TextFeatures.hash64(id) >>> 58); // top 6 bits: 0..63; the probes use the low 58
  }

  /** Whether the filter (segments by number, as {@link #segmentOf} gives them) may hold {@code id}. */
  static boolean mightContain(java.util.Map<Integer, IdFilter> segments, String id) {
    IdFilter segment = segments.get(segmentOf(id));
    return segment != null && segment.mightContain(id);
  }

  private final long[] words;

  IdFilter() {
    this(new long[1 << (LOG2_BITS - 6)]);
  }

  private IdFilter(long[] words) {
    this.words = words;
  }

  void add(String id) {
    long h = TextFeatures.hash64(id);
    int h1 = (int) h;
    int h2 = (int) (h >>> 26) | 1; // odd: the probes of one id never coincide
    for (int i = 0; i < PROBES; i++) {
      int bit = (h1 + i * h2) & ((1 << LOG2_BITS) - 1);
      words[bit >>> 6] |= 1L << bit;
    }
  }

  boolean mightContain(String id) {
    long h = TextFeatures.hash64(id);
    int h1 = (int) h;
    int h2 = (int) (h >>> 26) | 1;
    for (int i = 0; i < PROBES; i++) {
      int bit = (h1 + i * h2) & ((1 << LOG2_BITS) - 1);
      if ((words[bit >>> 6] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** This filter with every id of {@code other} added (both keep their bits). */
  IdFilter union(IdFilter other) {
    for (int i = 0; i < words.length; i++) {
      words[i] |= other.words[i];
    }
    return this;
  }

  /** Builds one segment from the ids of that segment. */
  static final class Union extends Combine.CombineFn<String, IdFilter, IdFilter> {
    @Override
    public IdFilter createAccumulator() {
      return new IdFilter();
    }

    @Override
    public IdFilter addInput(IdFilter filter, String id) {
      filter.add(id);
      return filter;
    }

    @Override
    public IdFilter mergeAccumulators(Iterable<IdFilter> filters) {
      IdFilter out = new IdFilter();
      filters.forEach(out::union);
      return out;
    }

    @Override
    public IdFilter extractOutput(IdFilter filter) {
      return filter;
    }

    @Override
    public Coder<IdFilter> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, Coder<String> inputCoder) {
      return IdFilterCoder.INSTANCE;
    }

    @Override
    public Coder<IdFilter> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, Coder<String> inputCoder) {
      return IdFilterCoder.INSTANCE;
    }
  }

  /** The bit array in one write (the runners' streams are slow per call). */
  static final class IdFilterCoder extends AtomicCoder<IdFilter> {
    static final IdFilterCoder INSTANCE = new IdFilterCoder();

    @Override
    public void encode(IdFilter f, OutputStream os) throws IOException {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * f.words.length);
      buf.asLongBuffer().put(f.words);
      DataOutputStream out = new DataOutputStream(os);
      out.write(buf.array());
      out.flush();
    }

    @Override
    public IdFilter decode(InputStream is) throws IOException {
      byte[] bytes = new byte[8 << (LOG2_BITS - 6)];
      new DataInputStream(is).readFully(bytes);
      long[] words = new long[1 << (LOG2_BITS - 6)];
      java.nio.ByteBuffer.wrap(bytes).asLongBuffer().get(words);
      return new IdFilter(words);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
