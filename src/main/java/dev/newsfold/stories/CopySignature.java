package dev.newsfold.stories;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * An article's MinHash signature, carried only to verify LSH candidate pairs; or, for a pair whose estimate is too
 * close to the threshold to trust, its sorted shingle set ({@link MinHash#shingleSet}), for the exact Jaccard.
 */
public final class CopySignature {
  public final String articleId;
  public final int date;
  public final long[] hashes;

  public CopySignature(String articleId, int date, long[] hashes) {
    this.articleId = articleId;
    this.date = date;
    this.hashes = hashes;
  }

  public static final class Coder extends AtomicCoder<CopySignature> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CopySignature s, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(s.articleId);
      out.writeInt(s.date);
      out.writeInt(s.hashes.length);
      // One write of the whole array: the runners' streams are slow per call (same bytes as writeLong each).
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * s.hashes.length);
      buf.asLongBuffer().put(s.hashes);
      out.write(buf.array());
      out.flush();
    }

    @Override
    public CopySignature decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String id = in.readUTF();
      int date = in.readInt();
      long[] sig = new long[in.readInt()];
      byte[] bytes = new byte[8 * sig.length];
      in.readFully(bytes);
      java.nio.ByteBuffer.wrap(bytes).asLongBuffer().get(sig);
      return new CopySignature(id, date, sig);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
