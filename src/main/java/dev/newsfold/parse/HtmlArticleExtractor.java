package dev.newsfold.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * Finds an HTML page's article: metadata from the page's own declarations (title, Open Graph, article:* meta,
 * JSON-LD) and the main content by DOM structure, not site-specific selectors.
 *
 * <p>Content: boilerplate containers (navigation, footers, asides, forms, share and comment widgets by generic
 * class/id words) are dropped; each remaining text block scores its length and punctuation, discounted by its link
 * density, into its parent and grandparent (Readability's idea); the best-scoring container wins and its blocks with
 * prose-like text and low link density are kept in page order, together with sibling containers that score close to
 * it. When the page's JSON-LD carries an {@code articleBody} that the DOM text confirms, its paragraphs are used.
 * Thread-safe and stateless.
 */
public final class HtmlArticleExtractor {

  /** Non-word characters in any script (plain \\W counts Cyrillic, Hangul, CJK letters as non-word). */
  private static final Pattern NON_WORD = Pattern.compile("\\W+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Class/id words of containers that are never the article. */
  private static final Pattern NEGATIVE = Pattern.compile(
      "(?i)(^|[\\s_-])(comment|comments|disqus|share|sharing|social|related|recommend|recirc|sidebar|widget|footer"
          + "|nav|navbar|navigation|menu|breadcrumb|cookie|consent|banner|promo|advert|advertisement|ads?|sponsor"
          + "|newsletter|subscribe|subscription|signup|paywall|popup|modal|outbrain|taboola|tags?|topics|byline-social"
          + "|author-bio|more-stories|most-popular|trending|read-more|readmore|teaser|rail|masthead|skip"
          + "|hidden|visually-hidden|sr-only|print-only|caption|credit)($|[\\s_-])");
  /** Class/id words of containers that hold the article. */
  private static final Pattern POSITIVE = Pattern.compile(
      "(?i)(article|content|entry|post|story|main|body|text|blog|prose|rich-text)");
  private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "iframe", "svg", "button",
      "input", "select", "textarea", "template", "canvas", "video", "audio", "object", "embed", "dialog");
  /** Tags that mark page furniture, unless they wrap most of the page's prose (whole pages inside a form). */
  private static final Set<String> FURNITURE_TAGS = Set.of("form", "nav", "footer", "aside", "figure", "figcaption",
      "header", "menu");
  private static final Set<String> BLOCK_TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
      "pre", "td", "dd", "dt", "div", "section", "article", "main", "figure", "ul", "ol", "table", "tr", "header");
  private static final Set<String> CONTAINER_TAGS = Set.of("div", "section", "article", "main", "td", "body", "font",
      "center");

  public HtmlArticle extract(String html, String url) {
    Document doc;
    try {
      doc = Jsoup.parse(html, url == null ? "" : url, Parser.htmlParser());
    } catch (RuntimeException | StackOverflowError e) {
      return new HtmlArticle(null, null, null, null, null, null, null, null, null, null, List.of());
    }
    Meta meta = metadata(doc);
    List<Block> blocks = content(doc, meta);
    return new HtmlArticle(meta.title, meta.description, meta.author, meta.published,
        Dates.parse(meta.published), meta.section, meta.siteName, meta.language, meta.canonical, null, blocks);
  }

  // ---------------------------------------------------------------- metadata

  private static final class Meta {
    String title;
    String description;
    String author;
    String published;
    String section;
    String siteName;
    String language;
    String canonical;
    String articleBody;
  }

  private static String meta(Document doc, String... keys) {
    for (String key : keys) {
      Element e = doc.selectFirst("meta[property=" + key + "], meta[name=" + key + "], meta[itemprop=" + key + "]");
      if (e != null && !e.attr("content").isBlank()) {
        return e.attr("content").strip();
      }
    }
    return null;
  }

  static Meta metadata(Document doc) {
    Meta m = new Meta();
    for (Element script : doc.select("script[type=application/ld+json]")) {
      try {
        readJsonLd(JSON.readTree(script.data()), m, 0);
      } catch (Exception ignored) {
        // broken JSON-LD is common; the page's other metadata still counts
      }
    }
    String og = meta(doc, "og:title", "twitter:title");
    String titleTag = doc.title().isBlank() ? null : doc.title().strip();
    m.siteName = first(meta(doc, "og:site_name", "application-name"), m.siteName);
    m.title = first(og, m.title, stripSiteSuffix(titleTag, m.siteName));
    if (m.title == null) {
      Element h1 = doc.selectFirst("h1");
      m.title = h1 == null || h1.text().isBlank() ? null : h1.text().strip();
    }
    m.title = stripSiteSuffix(m.title, m.siteName);
    m.description = first(meta(doc, "og:description", "description", "twitter:description"), m.description);
    m.author = first(meta(doc, "author", "article:author", "byl", "parsely-author", "sailthru.author"), m.author);
    if (m.author != null && m.author.startsWith("http")) {
      m.author = null;
    }
    m.published = first(meta(doc, "article:published_time", "og:published_time", "datePublished", "pubdate",
        "publishdate", "date", "dc.date", "DC.date.issued", "parsely-pub-date", "sailthru.date"), m.published);
    if (m.published == null) {
      Element time = doc.selectFirst("time[datetime]");
      m.published = time == null ? null : time.attr("datetime").strip();
    }
    m.section = first(meta(doc, "article:section"), m.section);
    m.language = first(doc.selectFirst("html") == null ? null : blankToNull(doc.selectFirst("html").attr("lang")),
        m.language, meta(doc, "og:locale", "language", "content-language"));
    Element canonical = doc.selectFirst("link[rel=canonical]");
    m.canonical = first(canonical == null ? null : blankToNull(canonical.absUrl("href")), meta(doc, "og:url"));
    return m;
  }

  private static void readJsonLd(JsonNode node, Meta m, int depth) {
    if (node == null || depth > 4) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> readJsonLd(n, m, depth + 1));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.has("@graph")) {
      readJsonLd(node.get("@graph"), m, depth + 1);
    }
    String type = node.path("@type").isArray() ? node.path("@type").toString() : node.path("@type").asText("");
    if (!type.matches("(?i).*(Article|Posting|Report|BlogPosting|NewsArticle|WebPage).*")) {
      return;
    }
    boolean article = type.matches("(?i).*(Article|Posting|Report).*");
    if (article || m.title == null) {
      m.title = first(text(node.get("headline")), m.title);
    }
    m.published = first(m.published, text(node.get("datePublished")));
    m.section = first(m.section, text(node.get("articleSection")));
    m.language = first(m.language, text(node.get("inLanguage")));
    m.description = first(m.description, text(node.get("description")));
    JsonNode author = node.get("author");
    if (author != null) {
      JsonNode a = author.isArray() && author.size() > 0 ? author.get(0) : author;
      m.author = first(m.author, a.isObject() ? text(a.get("name")) : text(a));
    }
    JsonNode publisher = node.get("publisher");
    if (publisher != null && publisher.isObject()) {
      m.siteName = first(m.siteName, text(publisher.get("name")));
    }
    if (article) {
      String body = text(node.get("articleBody"));
      if (body != null && (m.articleBody == null || body.length() > m.articleBody.length())) {
        m.articleBody = body;
      }
    }
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      return n.size() == 0 ? null : text(n.get(0));
    }
    String s = n.isTextual() ? n.asText() : n.isObject() ? null : n.toString();
    return blankToNull(s == null ? null : Parser.unescapeEntities(s, false).strip());
  }

  static String stripSiteSuffix(String title, String site) {
    if (title == null) {
      return null;
    }
    String[] parts = title.split("\\s+[|–—-]\\s+|\\s+::\\s+|\\s+»\\s+");
    if (parts.length < 2) {
      return title;
    }
    String last = parts[parts.length - 1].strip();
    String siteKey = site == null ? "" : site.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String lastKey = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    boolean isSite = !siteKey.isEmpty() && (siteKey.contains(lastKey) || lastKey.contains(siteKey));
    // A short trailing part ("| Reuters", "- BBC News") is almost always the site name.
    if (isSite || last.split("\\s+").length <= 3) {
      return title.substring(0, title.length() - last.length()).replaceAll("[\\s|–—:»-]+$", "").strip();
    }
    return title;
  }

  // ---------------------------------------------------------------- content

  private List<Block> content(Document doc, Meta meta) {
    Element body = doc.body();
    if (body == null) {
      return List.of();
    }
    clean(body);
    Map<Element, Double> scores = new IdentityHashMap<>();
    Element best = bestContainer(body, scores);
    List<Block> blocks = best == null ? List.of() : blocks(withSiblings(best, scores), meta.title);
    if (meta.articleBody != null && meta.articleBody.length() >= 200) {
      List<Block> fromLd = paragraphs(meta.articleBody);
      // Use the declared body only when the page's own text confirms it (it is sometimes a teaser or stale).
      if (overlap(fromLd, body.text()) >= 0.8 && length(fromLd) >= 0.6 * length(blocks)) {
        return fromLd;
      }
    }
    return blocks;
  }

  private static List<Block> paragraphs(String text) {
    List<Block> out = new ArrayList<>();
    if (text.contains("</p>") || text.contains("<br")) {
      // Some sites put markup in articleBody: read it as an HTML fragment.
      Element fragment = Jsoup.parseBodyFragment(text).body();
      for (Element p : fragment.select("p, h2, h3, h4, li, blockquote")) {
        if (!p.text().isBlank() && !hasBlockChild(p)) {
          out.add(new Block(p.normalName().startsWith("h") ? Block.Kind.HEADING : Block.Kind.PARAGRAPH,
              p.text().strip()));
        }
      }
      if (!out.isEmpty()) {
        return out;
      }
      text = fragment.wholeText();
    }
    for (String p : text.split("\\n\\s*\\n|\\n")) {
      if (!p.isBlank()) {
        out.add(new Block(Block.Kind.PARAGRAPH, p.strip()));
      }
    }
    return out;
  }

  private static int length(List<Block> blocks) {
    int n = 0;
    for (Block b : blocks) {
      n += b.text().length();
    }
    return n;
  }

  /** Share of the blocks' words that the page text holds (order-free, cheap). */
  private static double overlap(List<Block> blocks, String pageText) {
    Set<String> page = new HashSet<>(List.of(NON_WORD.split(pageText.toLowerCase(Locale.ROOT))));
    int total = 0;
    int found = 0;
    for (Block b : blocks) {
      for (String w : NON_WORD.split(b.text().toLowerCase(Locale.ROOT))) {
        if (w.length() > 2) {
          total++;
          found += page.contains(w) ? 1 : 0;
        }
      }
    }
    return total == 0 ? 0 : (double) found / total;
  }

  /** Drops elements that are never article text: scripts, navigation, forms, and boilerplate by class/id words. */
  private static void clean(Element body) {
    List<Element> remove = new ArrayList<>();
    // A container holding most of the page's paragraph text is the article's wrapper, whatever its class says
    // ("Page-ad-margins", "sidebar-layout").
    int pageProse = body.select("p").text().length();
    for (Element e : body.getAllElements()) {
      if (e == body) {
        continue;
      }
      String tag = e.normalName();
      if (DROP_TAGS.contains(tag)) {
        remove.add(e);
        continue;
      }
      if (FURNITURE_TAGS.contains(tag)) {
        if (e.select("p").text().length() < 0.4 * pageProse) {
          remove.add(e);
        }
        continue;
      }
      String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
      if (style.contains("display:none") || e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))
          || "dialog".equals(e.attr("role")) || "navigation".equals(e.attr("role"))
          || "complementary".equals(e.attr("role"))) {
        remove.add(e);
        continue;
      }
      String names = e.className() + " " + e.id();
      if (names.isBlank() || tag.equals("article") || tag.equals("main")) {
        continue;
      }
      if (NEGATIVE.matcher(names).find() && !POSITIVE.matcher(names).find()
          && e.select("p").text().length() < 0.4 * pageProse) {
        remove.add(e);
      }
    }
    for (Element e : remove) {
      e.remove();
    }
  }

  /** Readability-style scoring: text blocks vote for their parent (full) and grandparent (half). */
  private static Element bestContainer(Element body, Map<Element, Double> scores) {
    for (Element e : body.getAllElements()) {
      String tag = e.normalName();
      boolean textBlock = tag.equals("p") || tag.equals("pre") || tag.equals("blockquote")
          || (CONTAINER_TAGS.contains(tag) || tag.equals("span")) && !hasBlockChild(e);
      String text;
      if (textBlock) {
        text = e.text();
      } else if (CONTAINER_TAGS.contains(tag)) {
        text = ownText(e); // paragraphs written with br tags directly in a container
      } else {
        continue;
      }
      if (text.length() < 25) {
        continue;
      }
      double score = 1 + countCommas(text) + Math.min(3, text.length() / 100.0);
      score *= 1 - linkDensity(e);
      Element parent = e.parent();
      if (parent != null) {
        scores.merge(parent, score, Double::sum);
        Element grand = parent.parent();
        if (grand != null) {
          scores.merge(grand, score / 2, Double::sum);
        }
      }
    }
    Element best = null;
    double bestScore = 0;
    for (Map.Entry<Element, Double> e : scores.entrySet()) {
      Element el = e.getKey();
      double s = e.getValue() * (1 - linkDensity(el));
      String names = el.className() + " " + el.id();
      if (POSITIVE.matcher(names).find() || el.normalName().equals("article")) {
        s *= 1.25;
      }
      if (s > bestScore) {
        best = el;
        bestScore = s;
      }
    }
    if (best == null) {
      return body;
    }
    // Widen to an ancestor when the article's paragraphs are split over sibling containers (chunked bodies, one
    // wrapper per few paragraphs): climb while the next ancestor adds at least a quarter more text and that text is
    // mostly prose; wrappers that add next to nothing are passed through but not taken on their own.
    Element candidate = best;
    double good = proseText(candidate);
    int all = candidate.text().length();
    Element cursor = candidate;
    for (int i = 0; i < 8 && cursor.parent() != null && cursor.parent() != body; i++) {
      Element parent = cursor.parent();
      cursor = parent;
      double parentGood = proseText(parent);
      int parentAll = parent.text().length();
      double addedGood = parentGood - good;
      int addedAll = parentAll - all;
      boolean moreProse = addedGood >= 0.25 * good && addedGood >= 0.6 * addedAll && linkDensity(parent) < 0.3;
      if (moreProse) {
        candidate = parent;
        good = parentGood;
        all = parentAll;
      } else if (addedAll > Math.max(40, 0.03 * all)) {
        break;
      }
    }
    return candidate;
  }

  /**
   * Characters of prose-like text under an element: leaf text blocks of some length with few links (their link text
   * not counted), and text written directly in containers between br tags.
   */
  private static double proseText(Element root) {
    double n = 0;
    for (Element e : root.getAllElements()) {
      String tag = e.normalName();
      if (!BLOCK_TAGS.contains(tag) && !CONTAINER_TAGS.contains(tag)) {
        continue;
      }
      String text = hasBlockChild(e) ? ownText(e) : e.text();
      if (text.length() < 40) {
        continue;
      }
      double links = linkDensity(e);
      if (links < 0.3) {
        n += text.length() * (1 - links);
      }
    }
    return n;
  }

  private static double proseLength(Element e) {
    double n = 0;
    for (Element p : e.select("p")) {
      n += p.text().length() * (1 - linkDensity(p));
    }
    return n;
  }

  private static boolean hasBlockChild(Element e) {
    for (Element c : e.children()) {
      if (BLOCK_TAGS.contains(c.normalName())) {
        return true;
      }
    }
    return false;
  }

  private static int countCommas(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '，' || c == '、') {
        n++;
      }
    }
    return n;
  }

  static double linkDensity(Element e) {
    int total = e.text().length();
    if (total == 0) {
      return 0;
    }
    int links = 0;
    for (Element a : e.select("a")) {
      links += a.text().length();
    }
    return Math.min(1.0, (double) links / total);
  }

  /**
   * The chosen container plus siblings that continue the article (Readability's sibling merge): containers that
   * scored well themselves, and prose paragraphs with few links, in page order.
   */
  private static List<Element> withSiblings(Element best, Map<Element, Double> scores) {
    Element parent = best.parent();
    if (parent == null || best.normalName().equals("body")) {
      return List.of(best);
    }
    double bestScore = scores.getOrDefault(best, 0.0);
    List<Element> out = new ArrayList<>();
    for (Element sibling : parent.children()) {
      if (sibling == best) {
        out.add(sibling);
        continue;
      }
      double score = scores.getOrDefault(sibling, 0.0);
      String text = sibling.text();
      boolean prose = sibling.normalName().equals("p") && text.length() > 80 && linkDensity(sibling) < 0.25;
      if (score >= Math.max(3, 0.25 * bestScore) && linkDensity(sibling) < 0.3 || prose) {
        out.add(sibling);
      }
    }
    return out;
  }

  /** The containers' text blocks in page order: paragraphs, subheadings, list items, quotes. */
  private static List<Block> blocks(List<Element> roots, String title) {
    List<Block> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String titleKey = title == null ? "" : key(title);
    for (Element root : roots) {
      collect(root, out, seen, titleKey);
    }
    return out;
  }

  private static final Set<String> INLINE_TAGS = Set.of("a", "span", "em", "strong", "b", "i", "u", "small", "sup",
      "sub", "abbr", "cite", "code", "mark", "q", "time", "font", "s", "del", "ins", "label", "bdi", "wbr");

  /** One open element of the walk, and how far through its children it is. */
  private static final class Frame {
    final Element element;
    int next;
    final StringBuilder run = new StringBuilder();

    Frame(Element element) {
      this.element = element;
    }
  }

  /**
   * Walks the container in page order. Block elements (p, headings, list items, quotes) become blocks; text that sits
   * directly in a container between its children (sites that write paragraphs with br tags) becomes paragraphs too.
   * Iterative, because pages nest containers tens of thousands deep.
   */
  private static void collect(Element root, List<Block> out, Set<String> seen, String titleKey) {
    List<Frame> stack = new ArrayList<>();
    stack.add(new Frame(root));
    while (!stack.isEmpty()) {
      Frame f = stack.get(stack.size() - 1);
      List<Node> children = f.element.childNodes();
      if (f.next >= children.size()) {
        flush(f, out, seen, titleKey);
        stack.remove(stack.size() - 1);
        continue;
      }
      Node n = children.get(f.next++);
      if (n instanceof TextNode t) {
        f.run.append(t.text());
        continue;
      }
      if (!(n instanceof Element el)) {
        continue;
      }
      String tag = el.normalName();
      if (tag.equals("br")) {
        if (f.run.length() > 0 && el.nextElementSibling() != null && "br".equals(el.nextElementSibling().normalName())) {
          flush(f, out, seen, titleKey);
        } else {
          f.run.append(' ');
        }
        continue;
      }
      if (INLINE_TAGS.contains(tag) && !hasBlockChild(el)) {
        if (linkDensity(el) < 1 || f.run.length() > 0) {
          f.run.append(el.text());
        }
        continue;
      }
      flush(f, out, seen, titleKey);
      String row = tag.equals("tr") ? dataRow(el) : null;
      if (row != null) {
        add(el, row, Block.Kind.PARAGRAPH, out, seen, titleKey);
        continue;
      }
      Block.Kind kind = switch (tag) {
        case "p", "pre", "dd" -> Block.Kind.PARAGRAPH;
        case "h2", "h3", "h4", "h5", "h6" -> Block.Kind.HEADING;
        case "li" -> Block.Kind.LIST_ITEM;
        case "blockquote" -> Block.Kind.QUOTE;
        default -> null;
      };
      if (kind != null && !hasBlockChild(el)) {
        add(el, el.text().strip(), kind, out, seen, titleKey);
      } else {
        stack.add(new Frame(el));
      }
    }
  }

  private static void flush(Frame f, List<Block> out, Set<String> seen, String titleKey) {
    String text = f.run.toString().strip();
    f.run.setLength(0);
    if (text.length() >= 25) {
      add(f.element, text, null, out, seen, titleKey);
    }
  }

  private static void add(Element el, String text, Block.Kind kind, List<Block> out, Set<String> seen,
      String titleKey) {
    if (!accept(el, text, kind)) {
      return;
    }
    String key = key(text);
    // Long paragraphs seen twice are layout copies (mobile and desktop variants); short lines repeat for real
    // (an interview's recurring question, a recipe's "Method").
    if (!key.equals(titleKey) && (text.length() < 100 || seen.add(key))) {
      out.add(new Block(kind == null ? Block.Kind.PARAGRAPH : kind, text));
    }
  }

  /** Letters and digits of any script, lower-cased: the identity of a block for de-duplication. */
  private static String key(String text) {
    return NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
  }

  private static String ownText(Element e) {
    StringBuilder sb = new StringBuilder();
    for (Node n : e.childNodes()) {
      if (n instanceof TextNode t) {
        sb.append(t.text());
      } else if (n instanceof Element c && (c.normalName().equals("a") || c.normalName().equals("em")
          || c.normalName().equals("strong") || c.normalName().equals("b") || c.normalName().equals("i"))) {
        sb.append(c.text());
      }
    }
    return sb.toString().strip();
  }

  /**
   * A data table's row as one line, its cells joined by spaces; null for rows of a layout table (cells holding
   * blocks or long text), which are walked as containers instead.
   */
  private static String dataRow(Element tr) {
    StringBuilder sb = new StringBuilder();
    for (Element cell : tr.children()) {
      String tag = cell.normalName();
      if (!tag.equals("td") && !tag.equals("th")) {
        return null;
      }
      String text = cell.text().strip();
      if (hasBlockChild(cell) || text.length() > 200) {
        return null;
      }
      if (!text.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : " ").append(text);
      }
    }
    return sb.toString();
  }

  private static boolean accept(Element el, String text, Block.Kind kind) {
    if (text.isEmpty()) {
      return false;
    }
    double links = linkDensity(el);
    if (kind == Block.Kind.HEADING) {
      return links < 0.5 && text.length() < 200;
    }
    if (kind == Block.Kind.LIST_ITEM) {
      return links < 0.3 && text.length() >= 20;
    }
    if (links > 0.5) {
      // A sentence that links part of itself is still prose; a line that is all link, or a label and a link
      // ("Related: ..."), is not.
      return links < 0.85 && el.getElementsByTag("a").size() <= 2 && text.length() * (1 - links) >= 30 && text.matches("(?s).*[.!?\"”»]$");
    }
    // Short link-bearing lines ("Read more", "Related: ...") and bare labels are chrome.
    return text.length() >= 20 || (links == 0 && text.matches(".*[.!?\"”]$"));
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
