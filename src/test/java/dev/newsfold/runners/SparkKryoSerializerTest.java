package dev.newsfold.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.newsfold.SparkKryoSerializer;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

class SparkKryoSerializerTest {
  @Test
  void tagsTravelAsTheirIdsAndStillMatchTheirOutputs() {
    SerializerInstance kryo = new SparkKryoSerializer(new SparkConf()
        .set("spark.kryo.registrator", "org.apache.beam.runners.spark.coders.SparkRunnerKryoRegistrator"))
        .newInstance();
    TupleTag<String> plain = new TupleTag<>("step/out");
    TupleTag<List<String>> anonymous = new TupleTag<List<String>>() {};
    for (TupleTag<?> tag : List.of(plain, anonymous)) {
      // As the Spark runner ships a multi-output step's elements: (tag, value) pairs.
      Tuple2<TupleTag<?>, String> pair = new Tuple2<>(tag, "value");
      ByteBuffer bytes = kryo.serialize(pair, ClassTag$.MODULE$.apply(Tuple2.class));
      Tuple2<TupleTag<?>, String> back = kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Tuple2.class));
      assertEquals(tag, back._1());
      assertEquals(tag.getId(), back._1().getId());
      assertSame(TupleTag.class, back._1().getClass(), "rebuilt from the id, not through the no-argument constructor");
      assertEquals("value", back._2());
    }
  }
}
