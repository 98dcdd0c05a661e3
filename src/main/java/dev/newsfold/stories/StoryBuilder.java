package dev.newsfold.stories;

import dev.newsfold.schema.Article;
import dev.newsfold.schema.Story;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.values.KV;

/** Builds one stories row from its member articles (each with its story key terms). */
public final class StoryBuilder {
  private StoryBuilder() {}

  static final int MAX_KEY_TERMS = 10;

  public static Story build(String storyId, List<KV<Article, List<String>>> members) {
    List<Article> articles = new ArrayList<>();
    Map<String, Integer> termCounts = new HashMap<>();
    Map<String, Integer> firstRank = new HashMap<>();
    for (KV<Article, List<String>> m : members) {
      articles.add(m.getKey());
      List<String> terms = m.getValue();
      for (int i = 0; i < terms.size(); i++) {
        termCounts.merge(terms.get(i), 1, Integer::sum);
        firstRank.merge(terms.get(i), i, Math::min);
      }
    }
    // Canonical article for the title: earliest published (undated last), then smallest id.
    articles.sort(Comparator.comparing((Article a) -> a.getPublishedDate() == null ? 1 : 0)
        .thenComparing(a -> a.getPublishedDate() == null ? LocalDate.MIN : a.getPublishedDate())
        .thenComparing(Article::getArticleId));
    Article canonical = articles.get(0);
    TreeSet<String> ids = new TreeSet<>();
    TreeSet<String> outlets = new TreeSet<>();
    LocalDate first = null;
    LocalDate last = null;
    int copies = 0;
    for (Article a : articles) {
      ids.add(a.getArticleId());
      if (a.getOutlet() != null) {
        outlets.add(a.getOutlet());
      }
      if (a.getDuplicateOf() != null) {
        copies++;
      }
      LocalDate d = a.getPublishedDate();
      if (d != null) {
        first = first == null || d.isBefore(first) ? d : first;
        last = last == null || d.isAfter(last) ? d : last;
      }
    }
    // Key terms shared by the members: those in at least two keys (or all, for a story of one), most shared first.
    int minShare = articles.size() > 1 ? 2 : 1;
    List<String> keyTerms = new ArrayList<>();
    termCounts.entrySet().stream()
        .filter(e -> e.getValue() >= minShare)
        .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
            .thenComparingInt(e -> firstRank.get(e.getKey()))
            .thenComparing(Map.Entry::getKey))
        .limit(MAX_KEY_TERMS)
        .forEach(e -> keyTerms.add(e.getKey()));
    String title = canonical.getTitle();
    return Story.newBuilder()
        .setStoryId(storyId)
        .setTitle(title)
        .setFirstPublished(first)
        .setLastPublished(last)
        .setArticleCount(articles.size())
        .setCopyCount(copies)
        .setOutletCount(outlets.size())
        .setArticleIds(new ArrayList<>(ids))
        .setOutlets(new ArrayList<>(outlets))
        .setKeyTerms(keyTerms)
        .setTopEntities(new ArrayList<>())
        .setClaimCount(0)
        .build();
  }
}
