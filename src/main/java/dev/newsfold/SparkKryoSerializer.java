package dev.newsfold;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;

/**
 * Spark's Kryo serializer with Beam's {@link TupleTag} written as its id. The Spark runner pairs every element of a
 * multi-output step with its output's tag, and Beam's Kryo registrator leaves tags to Kryo's field serializer, which
 * builds each one through the no-argument constructor: that constructor names the tag from a stack trace
 * ({@code TupleTag.genId}), under a lock on the class. At 300k articles both executor threads spent the job's last
 * phase there. A tag equals another by id alone, so the id is all that needs to travel.
 *
 * <p>A serializer, not a {@code spark.kryo.registrator}: Beam's Spark runner overwrites that setting with its own.
 */
public class SparkKryoSerializer extends KryoSerializer {
  public SparkKryoSerializer(SparkConf conf) {
    super(conf);
  }

  @Override
  public Kryo newKryo() {
    Kryo kryo = super.newKryo();
    TagById byId = new TagById();
    kryo.register(TupleTag.class, byId);
    // Anonymous subclasses (new TupleTag<T>() {}) too; they come back as plain tags with the same id.
    kryo.addDefaultSerializer(TupleTag.class, byId);
    return kryo;
  }

  /** Writes a tag's id; reads it back through the constructor that takes the id (no stack trace). */
  static final class TagById extends Serializer<TupleTag<?>> {
    @Override
    public void write(Kryo kryo, Output output, TupleTag<?> tag) {
      output.writeString(tag.getId());
    }

    @Override
    public TupleTag<?> read(Kryo kryo, Input input, Class<TupleTag<?>> type) {
      return new TupleTag<>(input.readString());
    }
  }
}
