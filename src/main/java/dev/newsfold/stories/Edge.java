package dev.newsfold.stories;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** A verified link between two articles (a < b): a copy, or the same story told in other words. */
public final class Edge implements Comparable<Edge> {
  public static final int COPY = 0;
  public static final int STORY = 1;

  public final String a;
  public final String b;
  public final int type;
  public final double score;
  public final int dateA;
  public final int dateB;

  public Edge(String a, int dateA, String b, int dateB, int type, double score) {
    if (a.compareTo(b) <= 0) {
      this.a = a;
      this.dateA = dateA;
      this.b = b;
      this.dateB = dateB;
    } else {
      this.a = b;
      this.dateA = dateB;
      this.b = a;
      this.dateB = dateA;
    }
    this.type = type;
    this.score = score;
  }

  /** Copies first, then strongest first, then by ids: a total order, so clustering never depends on arrival order. */
  @Override
  public int compareTo(Edge o) {
    int c = Integer.compare(type, o.type);
    if (c != 0) {
      return c;
    }
    c = Double.compare(o.score, score);
    if (c != 0) {
      return c;
    }
    c = a.compareTo(o.a);
    return c != 0 ? c : b.compareTo(o.b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Edge && compareTo((Edge) o) == 0;
  }

  @Override
  public int hashCode() {
    return a.hashCode() * 31 + b.hashCode() + type;
  }

  @Override
  public String toString() {
    return (type == COPY ? "copy " : "story ") + a + "-" + b + " " + score;
  }

  public static final class Coder extends AtomicCoder<Edge> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Edge e, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(e.a);
      out.writeInt(e.dateA);
      out.writeUTF(e.b);
      out.writeInt(e.dateB);
      out.writeByte(e.type);
      out.writeDouble(e.score);
      out.flush();
    }

    @Override
    public Edge decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String a = in.readUTF();
      int da = in.readInt();
      String b = in.readUTF();
      int db = in.readInt();
      int type = in.readByte();
      double score = in.readDouble();
      return new Edge(a, da, b, db, type, score);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
