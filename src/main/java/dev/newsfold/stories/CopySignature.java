package dev.newsfold.stories;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** An article's MinHash signature, carried only to verify LSH candidate pairs. */
public final class CopySignature {
  public final String articleId;
  public final int date;
  public final long[] minhash;

  public CopySignature(String articleId, int date, long[] minhash) {
    this.articleId = articleId;
    this.date = date;
    this.minhash = minhash;
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
      out.writeInt(s.minhash.length);
      for (long v : s.minhash) {
        out.writeLong(v);
      }
      out.flush();
    }

    @Override
    public CopySignature decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String id = in.readUTF();
      int date = in.readInt();
      long[] sig = new long[in.readInt()];
      for (int i = 0; i < sig.length; i++) {
        sig[i] = in.readLong();
      }
      return new CopySignature(id, date, sig);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
