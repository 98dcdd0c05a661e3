package dev.newsfold.claims;

import dev.newsfold.StageClock;
import dev.newsfold.entities.EntityRecognizer;
import dev.newsfold.schema.Article;
import dev.newsfold.schema.Claim;
import dev.newsfold.schema.Entity;
import dev.newsfold.schema.internal.StoryContribution;
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
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The entities and claims of each article, found in one pass over it, then the claims aligned within each story.
 *
 * <p>Per article ({@code RecognizeEntitiesAndClaims}): the name recognizer gives the entities rows; the claim
 * extractor gives the claims, each speaker linked to one of those entities ({@code speaker_entity_id}); and one
 * {@link StoryContribution} (the entities' salience and the claim count) goes to the story row. Both extractors run
 * in the same step so that no entity row is shuffled to meet its article's claims, nor to reach its story: at 100k
 * articles that moved 5.8 M entity rows through two extra groupings, more CPU than the recognition itself
 * (docs/benchmark.md, session 22). Then {@code GroupClaimsByStory} and {@code AlignClaimsInStory} give each claim its
 * claim_key, corroborating articles and outlets, and conflicts.
 *
 * <p>Usage: {@code ExtractEntitiesAndClaims.Result r = articles.apply(ExtractEntitiesAndClaims.create())}; the
 * articles carry story_id and outlet.
 */
public class ExtractEntitiesAndClaims extends PTransform<PCollection<Article>, ExtractEntitiesAndClaims.Result> {
  static final int DEFAULT_SHARDS = 64;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractEntitiesAndClaims.class);
  private static final TupleTag<Entity> ENTITIES = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, Claim>> CLAIMS = new TupleTag<>() {};
  private static final TupleTag<StoryContribution> CONTRIBUTIONS = new TupleTag<>() {};
  private final int maxClaimsPerStory;
  private final int shards;

  private ExtractEntitiesAndClaims(int maxClaimsPerStory, int shards) {
    this.maxClaimsPerStory = maxClaimsPerStory;
    this.shards = shards;
  }

  public static ExtractEntitiesAndClaims create() {
    return new ExtractEntitiesAndClaims(ClaimAligner.DEFAULT_MAX_CLAIMS, DEFAULT_SHARDS);
  }

  /** Same, with a different cap on the claims compared pairwise in one story. */
  public ExtractEntitiesAndClaims withMaxClaimsPerStory(int max) {
    return new ExtractEntitiesAndClaims(max, shards);
  }

  /** Hash shards the story groups run on; raise with the corpus (each shard is grouped in memory). */
  public ExtractEntitiesAndClaims withShards(int count) {
    return new ExtractEntitiesAndClaims(maxClaimsPerStory, count);
  }

  @Override
  public Result expand(PCollection<Article> articles) {
    PCollectionTuple found = articles.apply("RecognizeEntitiesAndClaims", ParDo.of(new ExtractFn(shards))
        .withOutputTags(ENTITIES, TupleTagList.of(CLAIMS).and(CONTRIBUTIONS)));
    PCollection<Entity> entities = found.get(ENTITIES).setCoder(AvroCoder.of(Entity.class));
    PCollection<StoryContribution> contributions = found.get(CONTRIBUTIONS)
        .setCoder(AvroCoder.of(StoryContribution.class));
    // Groups go by hash shard, and by story inside the shard: the DirectRunner pays one bundle per key.
    PCollection<Claim> claims = found.get(CLAIMS)
        .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.of(Claim.class)))
        .apply("GroupClaimsByStory", GroupByKey.create())
        .apply("AlignClaimsInStory", ParDo.of(new AlignFn(maxClaimsPerStory)))
        .setCoder(AvroCoder.of(Claim.class));
    return new Result(entities, claims, contributions);
  }

  /** Story a claim is aligned within; an article without a story is its own. */
  static String storyKey(Claim c) {
    return c.getStoryId() != null ? c.getStoryId() : "article:" + c.getArticleId();
  }

  /**
   * Runs both extractors on each article; one of each per DoFn instance (OpenNLP's wrappers are not thread-safe).
   * Each keeps its own clock, so the benchmark still reports entities and claims apart.
   */
  static class ExtractFn extends DoFn<Article, Entity> {
    private final Counter articlesWithClaims = Metrics.counter("claims", "articles_with_claims");
    private final Counter claimsOut = Metrics.counter("claims", "extracted");
    private final Counter failures = Metrics.counter("claims", "extraction_failures");
    private final int shards;
    private final StageClock entityClock = new StageClock("entities");
    private final StageClock claimClock = new StageClock("claims");
    private transient EntityRecognizer recognizer;
    private transient ClaimExtractor extractor;

    ExtractFn(int shards) { this.shards = shards; }

    @Setup
    public void setup() {
      recognizer = EntityRecognizer.load();
      extractor = ClaimExtractor.load();
    }

    @ProcessElement
    public void process(@Element Article a, MultiOutputReceiver out) {
      long started = entityClock.start();
      List<Entity> entities;
      try {
        entities = recognizer.entityRows(a);
        OutputReceiver<Entity> entityOut = out.get(ENTITIES);
        entities.forEach(entityOut::output);
      } finally {
        entityClock.stop(started);
      }
      started = claimClock.start();
      List<Claim> claims = List.of();
      try {
        claims = linkSpeakers(toClaims(a, extractor.extract(a.getText())), entities);
      } catch (RuntimeException e) {
        // One odd text must not fail the batch: the article simply has no claims; the counter shows it.
        failures.inc();
        LOG.warn("Claim extraction failed for article {}: {}", a.getArticleId(), e.toString());
      }
      if (!claims.isEmpty()) {
        articlesWithClaims.inc();
        claimsOut.inc(claims.size());
      }
      OutputReceiver<KV<Integer, Claim>> claimOut = out.get(CLAIMS);
      for (Claim c : claims) {
        claimOut.output(KV.of(JoinStories.shard(storyKey(c), shards), c));
      }
      if (a.getStoryId() != null) {
        out.get(CONTRIBUTIONS).output(contribution(a.getStoryId(), entities, claims.size()));
      }
      claimClock.stop(started);
    }
  }

  /** What the article adds to its story's row. */
  static StoryContribution contribution(String storyId, List<Entity> entities, int claims) {
    List<String> ids = new ArrayList<>(entities.size());
    List<String> names = new ArrayList<>(entities.size());
    List<Double> saliences = new ArrayList<>(entities.size());
    for (Entity e : entities) {
      ids.add(e.getEntityId());
      names.add(e.getName());
      saliences.add(e.getSalience());
    }
    return StoryContribution.newBuilder().setStoryId(storyId).setEntityIds(ids).setNames(names)
        .setSaliences(saliences).setClaimCount(claims).build();
  }

  /** Sets each claim's speaker_entity_id (in place) from the entities of its own article; returns the claims. */
  static List<Claim> linkSpeakers(List<Claim> claims, List<Entity> entities) {
    if (claims.isEmpty()) {
      return claims;
    }
    // Names and surface forms normalised once per entity, not once per claim that might name it.
    List<NamedEntity> named = new ArrayList<>(entities.size());
    entities.forEach(e -> named.add(new NamedEntity(e)));
    for (Claim c : claims) {
      c.setSpeakerEntityId(matchEntity(c.getSpeaker(), named));
    }
    return claims;
  }

  /** Claim rows for one article, before speaker linking and alignment (claim_key = claim_id for now). */
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

  /** The three outputs: entities rows, aligned claims rows, and one story contribution per article with a story. */
  public static final class Result implements POutput {
    private final PCollection<Entity> entities;
    private final PCollection<Claim> claims;
    private final PCollection<StoryContribution> contributions;

    Result(PCollection<Entity> entities, PCollection<Claim> claims, PCollection<StoryContribution> contributions) {
      this.entities = entities;
      this.claims = claims;
      this.contributions = contributions;
    }

    public PCollection<Entity> entities() { return entities; }

    public PCollection<Claim> claims() { return claims; }

    /** For {@link dev.newsfold.stories.CompleteStories}: top entities and claim count per story. */
    public PCollection<StoryContribution> storyContributions() { return contributions; }

    @Override
    public org.apache.beam.sdk.Pipeline getPipeline() { return entities.getPipeline(); }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      Map<TupleTag<?>, PValue> m = new HashMap<>();
      m.put(new TupleTag<Entity>("entities"), entities);
      m.put(new TupleTag<Claim>("claims"), claims);
      m.put(new TupleTag<StoryContribution>("storyContributions"), contributions);
      return m;
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
