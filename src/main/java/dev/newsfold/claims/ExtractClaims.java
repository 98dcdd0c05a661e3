package dev.newsfold.claims;

import dev.newsfold.OnePassCoGroupByKey;
import dev.newsfold.StageClock;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Entity;
import dev.newsfold.stories.JoinStories;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Articles (with story_id and outlet set) to claims rows: extracts claims per article, links each speaker to an
 * entity of the same article (speaker_entity_id), then aligns claims within each story (claim_key, corroborating
 * articles and outlets, conflicts). Usage: {@code articles.apply(ExtractClaims.of(entities))}.
 */
public class ExtractClaims extends PTransform<PCollection<Article>, PCollection<Claim>> {
  static final int DEFAULT_SHARDS = 64;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractClaims.class);
  private final PCollection<Entity> entities;
  private final int maxClaimsPerStory;
  private final int shards;

  private ExtractClaims(PCollection<Entity> entities, int maxClaimsPerStory, int shards) {
    this.entities = entities;
    this.maxClaimsPerStory = maxClaimsPerStory;
    this.shards = shards;
  }

  /** Claims of the articles; {@code entities} are the entities rows of the same articles. */
  public static ExtractClaims of(PCollection<Entity> entities) {
    return new ExtractClaims(entities, ClaimAligner.DEFAULT_MAX_CLAIMS, DEFAULT_SHARDS);
  }

  /** Same, with a different cap on the claims compared pairwise in one story. */
  public ExtractClaims withMaxClaimsPerStory(int max) { return new ExtractClaims(entities, max, shards); }

  /** Hash shards the article and story groups run on; raise with the corpus (each shard is grouped in memory). */
  public ExtractClaims withShards(int count) { return new ExtractClaims(entities, maxClaimsPerStory, count); }

  @Override
  public PCollection<Claim> expand(PCollection<Article> articles) {
    // Groups go by hash shard, and by article or story inside the shard: the DirectRunner pays one bundle per key.
    int shards = this.shards; // the key function below must not capture the transform
    KvCoder<Integer, Claim> shardedClaim = KvCoder.of(VarIntCoder.of(), AvroCoder.of(Claim.class));
    PCollection<KV<Integer, Claim>> byArticle = articles
        .apply("ExtractClaimsPerArticle", ParDo.of(new ExtractFn(shards)))
        .setCoder(shardedClaim);
    PCollection<KV<Integer, Entity>> entitiesByArticle = entities
        .apply("ShardEntitiesByArticle", WithKeys.<Integer, Entity>of(e -> JoinStories.shard(e.getArticleId(), shards))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Entity.class)));
    TupleTag<Claim> claimTag = new TupleTag<>();
    TupleTag<Entity> entityTag = new TupleTag<>();
    return KeyedPCollectionTuple.of(claimTag, byArticle).and(entityTag, entitiesByArticle)
        .apply("JoinEntitiesByArticle", OnePassCoGroupByKey.create())
        .apply("LinkSpeakersToEntities", ParDo.of(new LinkSpeakerFn(claimTag, entityTag, shards)))
        .setCoder(shardedClaim)
        .apply("GroupClaimsByStory", GroupByKey.create())
        .apply("AlignClaimsInStory", ParDo.of(new AlignFn(maxClaimsPerStory)))
        .setCoder(AvroCoder.of(Claim.class));
  }

  /** Story a claim is aligned within; an article without a story is its own. */
  static String storyKey(Claim c) {
    return c.getStoryId() != null ? c.getStoryId() : "article:" + c.getArticleId();
  }

  /** Runs the extractor on each article; one extractor per DoFn instance (the OpenNLP wrappers are not shared). */
  static class ExtractFn extends DoFn<Article, KV<Integer, Claim>> {
    private final Counter articlesWithClaims = Metrics.counter("claims", "articles_with_claims");
    private final Counter claimsOut = Metrics.counter("claims", "extracted");
    private final Counter failures = Metrics.counter("claims", "extraction_failures");
    private final int shards;
    private final StageClock clock = new StageClock("claims");
    private transient ClaimExtractor extractor;

    ExtractFn(int shards) { this.shards = shards; }

    @Setup
    public void setup() { extractor = ClaimExtractor.load(); }

    @ProcessElement
    public void process(@Element Article a, OutputReceiver<KV<Integer, Claim>> out) {
      List<Claim> claims;
      long started = clock.start();
      try {
        claims = toClaims(a, extractor.extract(a.getText()));
      } catch (RuntimeException e) {
        // One odd text must not fail the batch: the article simply has no claims; the counter shows it.
        failures.inc();
        LOG.warn("Claim extraction failed for article {}: {}", a.getArticleId(), e.toString());
        return;
      } finally {
        clock.stop(started);
      }
      if (!claims.isEmpty()) {
        articlesWithClaims.inc();
        claimsOut.inc(claims.size());
      }
      for (Claim c : claims) {
        out.output(KV.of(JoinStories.shard(a.getArticleId(), shards), c));
      }
    }
  }

  /** Claim rows for one article, before entity linking and alignment (claim_key = claim_id for now). */
  static List<Claim> toClaims(Article a, List<ExtractedClaim> extracted) {
    List<Claim> out = new ArrayList<>();
    for (ExtractedClaim e : extracted) {
      String id = ClaimAligner.hex(a.getArticleId() + "|" + e.sentenceOffset() + "|" + e.contentStart());
      List<dev.newsfold.schema.Quantity> qs = new ArrayList<>();
      e.quantities().forEach(q -> qs.add(q.toAvro()));
      out.add(Claim.newBuilder()
          .setClaimId(id)
          .setArticleId(a.getArticleId())
          .setStoryId(a.getStoryId())
          .setOutlet(a.getOutlet())
          .setSpeaker(e.speaker())
          .setSpeakerEntityId(null)
          .setSpeakerTitle(e.speakerTitle())
          .setVerb(e.verb())
          .setStance(e.stance())
          .setContent(e.content())
          .setDirectQuote(e.directQuote())
          .setQuantities(qs)
          .setTimeRefs(new ArrayList<>(e.timeRefs()))
          .setSentenceOffset(e.sentenceOffset())
          .setClaimKey(id)
          .setCorroboratingArticles(new ArrayList<>())
          .setCorroboratingOutlets(new ArrayList<>())
          .setConflicts(new ArrayList<>())
          .build());
    }
    return out;
  }

  /** Sets speaker_entity_id from the article's entities, re-shards claims by story. */
  static class LinkSpeakerFn extends DoFn<KV<Integer, CoGbkResult>, KV<Integer, Claim>> {
    private final TupleTag<Claim> claimTag;
    private final TupleTag<Entity> entityTag;
    private final int shards;

    LinkSpeakerFn(TupleTag<Claim> claimTag, TupleTag<Entity> entityTag, int shards) {
      this.claimTag = claimTag;
      this.entityTag = entityTag;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> e, OutputReceiver<KV<Integer, Claim>> out) {
      // Names and surface forms normalised once per entity, not once per claim that might name it.
      Map<String, List<NamedEntity>> byArticle = new HashMap<>();
      for (Entity en : e.getValue().getAll(entityTag)) {
        byArticle.computeIfAbsent(en.getArticleId(), k -> new ArrayList<>()).add(new NamedEntity(en));
      }
      for (Claim c : e.getValue().getAll(claimTag)) {
        List<NamedEntity> ents = byArticle.getOrDefault(c.getArticleId(), List.of());
        Claim linked = Claim.newBuilder(c).setSpeakerEntityId(matchEntity(c.getSpeaker(), ents)).build();
        out.output(KV.of(JoinStories.shard(storyKey(linked), shards), linked));
      }
    }
  }

  /**
   * The entity a speaker names: exact name or surface form first, then a person whose name ends with a one-word
   * speaker ("Shin" -> "Shin Wonsik"). Ties go to the smallest entity_id, so the result does not depend on order.
   */
  static String matchEntity(String speaker, List<NamedEntity> entities) {
    if (speaker == null || entities.isEmpty()) {
      return null;
    }
    String s = norm(speaker);
    String best = null;
    int bestRank = Integer.MAX_VALUE;
    for (NamedEntity ne : entities) {
      Entity en = ne.entity;
      int rank = Integer.MAX_VALUE;
      if (ne.name.equals(s)) {
        rank = 0;
      } else if (ne.surfaceForms.contains(s)) {
        rank = 1;
      } else if ("PERSON".equals(en.getType()) && !s.contains(" ") && (" " + ne.name).endsWith(" " + s)) {
        rank = 2;
      }
      if (rank < bestRank || rank == bestRank && rank != Integer.MAX_VALUE
          && en.getEntityId().compareTo(best) < 0) {
        bestRank = rank;
        best = en.getEntityId();
      }
    }
    return bestRank == Integer.MAX_VALUE ? null : best;
  }

  /** An entity with its name and surface forms normalised for matching speakers. */
  static final class NamedEntity {
    final Entity entity;
    final String name;
    final java.util.Set<String> surfaceForms = new java.util.HashSet<>();

    NamedEntity(Entity entity) {
      this.entity = entity;
      this.name = norm(entity.getName());
      if (entity.getSurfaceForms() != null) {
        entity.getSurfaceForms().forEach(f -> surfaceForms.add(norm(f)));
      }
    }
  }

  private static final java.util.regex.Pattern LEADING_THE = java.util.regex.Pattern.compile("^the\\s+");
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  private static String norm(CharSequence s) {
    String lower = s.toString().toLowerCase(Locale.ROOT).replace('-', ' ');
    return SPACES.matcher(LEADING_THE.matcher(lower).replaceAll("")).replaceAll(" ").trim();
  }

  /** Aligns the claims of one story. */
  static class AlignFn extends DoFn<KV<Integer, Iterable<Claim>>, Claim> {
    private final Counter capped = Metrics.counter("claims", "not_aligned_story_cap");
    private final Counter aligned = Metrics.counter("claims", "corroborated");
    private final int max;

    AlignFn(int max) { this.max = max; }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Claim>> e, OutputReceiver<Claim> out) {
      Map<String, List<Claim>> byStory = new TreeMap<>();
      for (Claim c : e.getValue()) {
        byStory.computeIfAbsent(storyKey(c), k -> new ArrayList<>()).add(c);
      }
      for (Map.Entry<String, List<Claim>> story : byStory.entrySet()) {
        ClaimAligner.Aligned r = new ClaimAligner(max).align(story.getKey(), story.getValue());
        capped.inc(r.capped());
        for (Claim c : r.claims()) {
          if (!c.getCorroboratingArticles().isEmpty()) {
            aligned.inc();
          }
          out.output(c);
        }
      }
    }
  }
}
