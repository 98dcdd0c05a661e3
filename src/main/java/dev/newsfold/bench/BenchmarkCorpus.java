package dev.newsfold.bench;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a benchmark corpus of N articles from real text, deterministic from a seed.
 *
 * <p>Sentences are Reuters news from CoNLL-2003 (detokenised), titles and teaser headlines are real headlines from
 * the News Aggregator slice; in each story's sentences and titles, names and numbers are swapped for the story's own,
 * with names drawn so that their vocabulary grows with the corpus as real names do ({@link NameDraws}). Articles
 * come in stories: a base article (~600 words) and its coverage, made of wire
 * copies (same text, other outlet, other chrome, a paragraph sometimes dropped) and rewrites (half the sentences kept
 * and reordered, the rest new). Pages carry chrome (menus, ads, captions, trending lists of other headlines). Formats:
 * text dumps, HTML pages, JSON lines and gzipped WARC, in outlet folders named like hosts. About 1% of files are bad.
 *
 * <p>Usage: {@code BenchmarkCorpus <outDir> <articles> [seed] [conllTrain] [headlinesCsv]}
 */
public final class BenchmarkCorpus {

  private final Random random;
  private final List<String> sentences;
  private final List<String> headlines;
  private final Path out;
  private long pages;
  private long bad;

  BenchmarkCorpus(Path out, long seed, List<String> sentences, List<String> headlines) {
    this.out = out;
    this.random = new Random(seed);
    this.sentences = sentences;
    this.headlines = headlines;
    // Built before any article: the pool's shuffle is the first use of the seed, as it always was.
    this.nameDraws = new NameDraws(poolNames(sentences), random);
    this.lowercase = lowercaseWords(sentences, headlines);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: BenchmarkCorpus <outDir> <articles> [seed] [conll eng.train] [news-aggregator csv]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    String data = System.getProperty("newsfold.data", "../shared/data");
    Path conll = Path.of(args.length > 3 ? args[3] : data + "/conll2003/eng.train");
    Path csv = Path.of(args.length > 4 ? args[4] : data + "/news-aggregator/dev.csv");
    long start = System.nanoTime();
    BenchmarkCorpus c = new BenchmarkCorpus(out, seed, conllSentences(conll), headlines(csv));
    c.write(n);
    System.out.printf("wrote %d articles (%d bad files, %d distinct story names) to %s in %.1f s%n", c.pages, c.bad,
        c.nameDraws.distinct(), out, (System.nanoTime() - start) / 1e9);
  }

  /** Reuters sentences from a CoNLL file, detokenised ("U.S. 's" → "U.S.'s", "( x )" → "(x)"). */
  public static List<String> conllSentences(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder s = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        flush(s, out);
        continue;
      }
      String word = line.split(" ")[0];
      if (word.equals("-DOCSTART-")) {
        continue;
      }
      boolean noSpace = s.length() == 0 || word.matches("[.,;:!?%)\\]]|'s|n't|'re|'ve|'ll|'d|'m")
          || s.charAt(s.length() - 1) == '(' || s.charAt(s.length() - 1) == '$';
      if (!noSpace) {
        s.append(' ');
      }
      s.append(word);
    }
    flush(s, out);
    return out;
  }

  private static void flush(StringBuilder s, List<String> out) {
    String t = s.toString().replace(" \" ", " \"");
    // Keep prose sentences only: datelines, scores and tables are not article text.
    if (t.split(" ").length >= 8 && t.matches(".*[.!?\"]$") && Character.isUpperCase(t.charAt(0))) {
      out.add(t);
    }
    s.setLength(0);
  }

  static List<String> headlines(Path csv) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8).subList(1, 0 + Files.readAllLines(csv).size())) {
      String title;
      if (line.matches("^\\d+,\".*")) {
        int end = line.indexOf("\",", line.indexOf(',') + 2);
        title = end > 0 ? line.substring(line.indexOf(',') + 2, end).replace("\"\"", "\"") : null;
      } else {
        String[] parts = line.split(",", 3);
        title = parts.length > 1 ? parts[1] : null;
      }
      if (title != null && title.split(" ").length >= 4) {
        out.add(title);
      }
    }
    return out;
  }

  // ---- generation ----

  /**
   * A pool sentence with its names and numbers swapped for the current story's own (the same swap throughout one
   * story). The pool has ~14k sentences, so without this unrelated stories of a large corpus would share whole
   * sentences, which real coverage of different events does not.
   */
  private String sentence() {
    String[] words = sentences.get(random.nextInt(sentences.size())).split(" ");
    StringBuilder out = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      out.append(' ').append(swapped(words[i], false));
    }
    return out.toString();
  }

  /**
   * A word with its name or number swapped for the story's own; {@code properOnly} leaves capitalised words that
   * are also seen in lower case (a title-case headline's "Says").
   */
  private String swapped(String w, boolean properOnly) {
    java.util.regex.Matcher m = VARIABLE.matcher(w);
    if (!m.matches()) {
      return w;
    }
    String core = m.group(1);
    if (Character.isDigit(core.charAt(0))) {
      return storyNumbers.computeIfAbsent(core, k -> Integer.toString(1 + random.nextInt(9999))) + m.group(2);
    }
    if (properOnly && lowercase.contains(core.toLowerCase())) {
      return w;
    }
    return storyNames.computeIfAbsent(core, k -> nameDraws.draw()) + m.group(2);
  }

  /** A capitalised word or a number, with trailing punctuation kept apart. */
  private static final java.util.regex.Pattern VARIABLE =
      java.util.regex.Pattern.compile("([A-Z][a-z]{2,}|\\d+)([.,;:'s]*)");

  private final java.util.Map<String, String> storyNames = new java.util.HashMap<>();
  private final java.util.Map<String, String> storyNumbers = new java.util.HashMap<>();
  private final NameDraws nameDraws;
  private final java.util.Set<String> lowercase;

  /** Capitalised words seen mid-sentence in the pool: the names the swap starts from (see {@link NameDraws}). */
  private static List<String> poolNames(List<String> sentences) {
    java.util.TreeSet<String> found = new java.util.TreeSet<>();
    for (String sentence : sentences) {
      String[] words = sentence.split(" ");
      for (int i = 1; i < words.length; i++) {
        if (words[i].matches("[A-Z][a-z]{2,}")) {
          found.add(words[i]);
        }
      }
    }
    return new ArrayList<>(found);
  }

  /** Words seen in lower case anywhere in the sentences or headlines: capitalised, they are not names. */
  private static java.util.Set<String> lowercaseWords(List<String> sentences, List<String> headlines) {
    java.util.Set<String> out = new java.util.HashSet<>();
    java.util.stream.Stream.concat(sentences.stream(), headlines.stream()).forEach(text -> {
      for (String w : text.split("[^A-Za-z]+")) {
        if (!w.isEmpty() && Character.isLowerCase(w.charAt(0))) {
          out.add(w);
        }
      }
    });
    return out;
  }

  /** A teaser or trending headline: page chrome, as published. */
  private String headline() {
    return headlines.get(random.nextInt(headlines.size()));
  }

  /**
   * A page title: a real headline with its proper names (capitalised words never seen in lower case in the sentences
   * or headlines) and numbers swapped for the story's own, as its sentences are. The headlines are 56 stories'
   * coverage, so without the swap a large corpus would give thousands of unrelated stories the same title names.
   */
  private String title() {
    StringBuilder out = new StringBuilder();
    for (String w : headline().split(" ")) {
      out.append(out.length() == 0 ? "" : " ").append(swapped(w, true));
    }
    return out.toString();
  }

  /** ~600 words in paragraphs of 1–3 sentences. */
  private List<String> article() {
    List<String> paras = new ArrayList<>();
    int words = 0;
    while (words < 560 + random.nextInt(80)) {
      StringBuilder p = new StringBuilder();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        String s = sentence();
        p.append(i == 0 ? "" : " ").append(s);
        words += s.split(" ").length;
      }
      paras.add(p.toString());
    }
    return paras;
  }

  private List<String> copy(List<String> base) {
    List<String> c = new ArrayList<>(base);
    if (c.size() > 6 && random.nextInt(3) == 0) {
      c.remove(c.size() - 1 - random.nextInt(2)); // wire copies often lose a closing paragraph
    }
    return c;
  }

  private List<String> rewrite(List<String> base) {
    List<String> kept = new ArrayList<>();
    for (String p : base) {
      if (random.nextBoolean()) {
        kept.add(p);
      }
    }
    java.util.Collections.shuffle(kept.subList(Math.min(1, kept.size()), kept.size()), random);
    while (kept.size() < base.size()) {
      kept.add(random.nextInt(kept.size() + 1), sentence() + " " + sentence());
    }
    return kept;
  }

  private List<String> chromeTop() {
    List<String> c = new ArrayList<>();
    c.add("Home | World | Business | Markets | Sport | Opinion");
    if (random.nextBoolean()) {
      c.add("Advertisement");
    }
    return c;
  }

  private List<String> chromeBottom() {
    List<String> c = new ArrayList<>(List.of("Tags", "Share this story", "Advertisement", "MOST POPULAR"));
    for (int i = 1; i <= 5; i++) {
      c.add("  " + i + ". " + headline());
    }
    return c;
  }

  private String textDump(String title, String date, List<String> body) {
    StringBuilder s = new StringBuilder(" date ").append(date).append(" World\n\n").append(title).append("\n\n");
    for (String c : chromeTop()) {
      s.append(c).append("\n\n");
    }
    s.append(title).append("\n\n");
    for (int i = 0; i < body.size(); i++) {
      s.append(body.get(i)).append("\n\n");
      if (i == 2) {
        s.append("A file photo of the scene | Photo: Reuters\n").append(headline()).append("\n\n");
      }
    }
    for (String c : chromeBottom()) {
      s.append(c).append('\n');
    }
    return s.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private String html(String title, String date, String outlet, List<String> body) {
    StringBuilder s = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title)).append(" | ").append(outlet).append("</title>")
        .append("<meta property=\"og:title\" content=\"").append(esc(title)).append("\">")
        .append("<meta property=\"article:published_time\" content=\"").append(date).append("T09:00:00Z\">")
        .append("</head><body><header><nav><ul>");
    for (String item : List.of("Home", "World", "Business", "Markets", "Sport", "Opinion")) {
      s.append("<li><a href=\"/").append(item.toLowerCase()).append("\">").append(item).append("</a></li>");
    }
    s.append("</ul></nav></header><main><article><h1>").append(esc(title)).append("</h1><div class=\"body\">");
    for (int i = 0; i < body.size(); i++) {
      s.append("<p>").append(esc(body.get(i))).append("</p>");
      if (i == 3) {
        s.append("<h2>").append(esc(headline())).append("</h2>");
      }
    }
    s.append("</div></article><aside class=\"related\"><h3>Related</h3><ul>");
    for (int i = 0; i < 5; i++) {
      s.append("<li><a href=\"/r").append(i).append("\">").append(esc(headline())).append("</a></li>");
    }
    s.append("</ul></aside></main><footer><p>© 2024 ").append(outlet).append(". All rights reserved.</p>")
        .append("<a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></footer></body></html>");
    return s.toString();
  }

  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  private static byte[] warcRecord(String uri, byte[] payload) {
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + payload.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    int len = head.length + payload.length;
    String warc = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: 2024-06-01T00:00:00Z\r\n"
        + "WARC-Record-ID: <urn:uuid:" + java.util.UUID.nameUUIDFromBytes(uri.getBytes(StandardCharsets.UTF_8))
        + ">\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " + len + "\r\n\r\n";
    ByteArrayOutputStream b = new ByteArrayOutputStream(len + 300);
    b.writeBytes(warc.getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(head);
    b.writeBytes(payload);
    b.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  /** Writes n articles: stories of 1–8 pages spread over 50 outlets and 4 formats. */
  void write(long n) throws IOException {
    Files.createDirectories(out);
    List<String> jsonBatch = new ArrayList<>();
    ByteArrayOutputStream warcBatch = new ByteArrayOutputStream();
    int warcCount = 0;
    long story = 0;
    while (pages < n) {
      story++;
      storyNames.clear();
      storyNumbers.clear();
      List<String> base = article();
      String title = title();
      int day = 1 + random.nextInt(28);
      int coverage = 1 + (random.nextInt(10) < 6 ? 0 : random.nextInt(8));
      for (int k = 0; k < coverage && pages < n; k++) {
        List<String> body = k == 0 ? base : random.nextInt(3) == 0 ? rewrite(base) : copy(base);
        String pageTitle = k == 0 || random.nextBoolean() ? title : title();
        String date = String.format("2024-06-%02d", Math.min(28, day + random.nextInt(2)));
        int outlet = random.nextInt(50);
        String host = "www.outlet" + outlet + ".example.com";
        Path dir = out.resolve(host);
        Files.createDirectories(dir);
        String name = "s" + story + "-" + k;
        int format = random.nextInt(10);
        if (random.nextInt(100) == 0) {
          bad++;
          Files.write(dir.resolve(name + ".txt"), random.nextBoolean() ? new byte[0] : garbage());
          pages++;
          continue;
        }
        if (format < 6) {
          Files.writeString(dir.resolve(name + ".txt"), textDump(pageTitle, date, body));
        } else if (format < 8) {
          Files.writeString(dir.resolve(name + ".html"), html(pageTitle, date, host, body));
        } else if (format < 9) {
          jsonBatch.add("{\"url\": " + json("https://" + host + "/" + name) + ", \"title\": " + json(pageTitle)
              + ", \"published\": \"" + date + "\", \"text\": " + json(String.join("\n\n", body)) + "}");
          if (jsonBatch.size() == 100) {
            flushJson(jsonBatch, story);
          }
        } else {
          warcBatch.writeBytes(warcRecord("https://" + host + "/" + name,
              html(pageTitle, date, host, body).getBytes(StandardCharsets.UTF_8)));
          if (++warcCount == 50) {
            flushWarc(warcBatch, story);
            warcCount = 0;
          }
        }
        pages++;
      }
    }
    if (!jsonBatch.isEmpty()) {
      flushJson(jsonBatch, story);
    }
    if (warcBatch.size() > 0) {
      flushWarc(warcBatch, story);
    }
  }

  private byte[] garbage() {
    byte[] b = new byte[1024];
    random.nextBytes(b);
    b[0] = 0;
    return b;
  }

  private void flushJson(List<String> batch, long story) throws IOException {
    Path dir = out.resolve("feeds");
    Files.createDirectories(dir);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("feed-" + story + ".jsonl"))) {
      for (String line : batch) {
        w.write(line);
        w.write('\n');
      }
    }
    batch.clear();
  }

  private void flushWarc(ByteArrayOutputStream batch, long story) throws IOException {
    Path dir = out.resolve("crawl");
    Files.createDirectories(dir);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("crawl-" + story + ".warc.gz")))) {
      batch.writeTo(o);
    }
    batch.reset();
  }
}
