package dev.newsfold.io;

import dev.newsfold.StageClock;
import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.RawDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Matches the input globs and decodes every file into {@link RawDocument}s (one per article candidate: a text file, a
 * page, a JSON line, a WARC response) and {@link Reject}s for everything that cannot be read.
 */
public class ReadRawDocuments extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<RawDocument> DOCUMENTS = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  private final List<String> patterns;
  private final long maxRecordBytes;
  private final int buckets;

  private ReadRawDocuments(List<String> patterns, long maxRecordBytes, int buckets) {
    this.patterns = patterns;
    this.maxRecordBytes = maxRecordBytes;
    this.buckets = buckets;
  }

  public static ReadRawDocuments from(List<String> patterns, long maxRecordBytes) {
    return new ReadRawDocuments(List.copyOf(patterns), maxRecordBytes, 32);
  }

  /**
   * Files are spread over this many shuffle buckets before decoding: enough for every worker to get files, few enough
   * that per-bundle overhead (large on the DirectRunner, which makes one bundle per key) stays small.
   */
  public ReadRawDocuments withBuckets(int buckets) {
    return new ReadRawDocuments(patterns, maxRecordBytes, buckets);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionList<MatchResult.Metadata> files = PCollectionList.empty(input.getPipeline());
    int i = 0;
    for (String pattern : patterns) {
      files = files.and(input.getPipeline()
          .apply("Match " + (i++) + " " + pattern, FileIO.match().filepattern(pattern)
              .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW_IF_WILDCARD)));
    }
    PCollectionTuple decoded = files
        .apply("AllFiles", Flatten.pCollections())
        // Spread files over workers before the expensive decode (a match yields one bundle). A group per hash bucket
        // rather than Reshuffle: on the DirectRunner a reshuffle yields one bundle per file, and per-bundle overhead
        // then dominates small files.
        .apply("BucketFiles", ParDo.of(new DoFn<MatchResult.Metadata, KV<Integer, MatchResult.Metadata>>() {
          @ProcessElement
          public void process(@Element MatchResult.Metadata file,
              OutputReceiver<KV<Integer, MatchResult.Metadata>> out) {
            out.output(KV.of(Math.floorMod(file.resourceId().toString().hashCode(), buckets), file));
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), MetadataCoderV2.of()))
        .apply("SpreadFiles", GroupByKey.create())
        .apply("DecodeFiles", ParDo.of(new DecodeFn(maxRecordBytes))
            .withOutputTags(DOCUMENTS, TupleTagList.of(REJECTS)));
    decoded.get(DOCUMENTS).setCoder(AvroCoder.of(RawDocument.class));
    decoded.get(REJECTS).setCoder(AvroCoder.of(Reject.class));
    return decoded;
  }

  /**
   * Opens each matched file itself (rather than FileIO.readMatches) so that directories and unreadable files become
   * rejects instead of being skipped or failing the bundle, and so gzip is sniffed from bytes, not trusted from names.
   */
  static class DecodeFn extends DoFn<KV<Integer, Iterable<MatchResult.Metadata>>, RawDocument> {
    private final StageClock clock = new StageClock("read");
    private final Counter files = Metrics.counter("read", "files");
    private final Counter documents = Metrics.counter("read", "documents");
    private final Counter rejected = Metrics.counter("read", "rejects");
    private final long maxRecordBytes;

    DecodeFn(long maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<MatchResult.Metadata>> bucket, MultiOutputReceiver out) {
      for (MatchResult.Metadata file : bucket.getValue()) {
        long t = clock.start();
        decode(file, out);
        clock.stop(t);
      }
    }

    private void decode(MatchResult.Metadata file, MultiOutputReceiver out) {
      files.inc();
      String uri = file.resourceId().toString();
      long size = file.sizeBytes();
      DocumentDecoder.Sink sink = new DocumentDecoder.Sink() {
        @Override
        public void document(RawDocument document) {
          documents.inc();
          out.get(DOCUMENTS).output(document);
        }

        @Override
        public void reject(Reject reject) {
          rejected.inc();
          out.get(REJECTS).output(reject);
        }
      };
      if (file.resourceId().isDirectory() || java.nio.file.Files.isDirectory(localPath(uri))) {
        sink.reject(DocumentDecoder.reject(uri, DocumentDecoder.NOT_A_FILE, "matched a directory", 0));
        return;
      }
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        new DocumentDecoder(maxRecordBytes).decode(uri, size, in, sink);
      } catch (IOException | RuntimeException e) {
        // open() failing (permissions, vanished file) must not fail the job: the file becomes a reject.
        sink.reject(DocumentDecoder.reject(uri, DocumentDecoder.UNREADABLE,
            e.getClass().getSimpleName() + ": " + e.getMessage(), size));
      }
    }
  }

  private static java.nio.file.Path localPath(String uri) {
    try {
      return uri.startsWith("/") ? java.nio.file.Path.of(uri) : java.nio.file.Path.of(java.net.URI.create(uri));
    } catch (RuntimeException e) {
      return java.nio.file.Path.of("/nonexistent-remote-path");
    }
  }
}
