package dev.newsfold;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generates thousands of inputs: valid articles in every format and broken variants of them (empty, no text, binary
 * garbage, invalid UTF-8, mixed encodings, Shift_JIS, BOMs, truncated gzip, WARC cut mid-record, broken JSON lines, a
 * 50 MB single line, deeply nested HTML, NUL bytes, a directory named like a file, a dangling link). Deterministic from
 * its seed. For each file it records how many articles it must give and the reject reasons it must give.
 */
public final class FuzzCorpus {

  /** What one file must give: articles, and reject reasons (in any order). */
  public record Expect(String kind, int articles, java.util.List<String> rejects) {}

  private final Random random;
  private final Path dir;
  private final Map<String, Expect> expect = new LinkedHashMap<>();
  private int serial;

  private FuzzCorpus(Path dir, long seed) {
    this.dir = dir;
    this.random = new Random(seed);
  }

  /** Writes {@code rounds} rounds of every kind into {@code dir}; returns the expectations per file name. */
  public static Map<String, Expect> write(Path dir, int rounds, long seed) throws IOException {
    Files.createDirectories(dir);
    FuzzCorpus c = new FuzzCorpus(dir, seed);
    for (int r = 0; r < rounds; r++) {
      c.round();
    }
    c.once();
    return c.expect;
  }

  /** A unique, valid article body: real-looking prose with a marker sentence so every good one is findable. */
  String body() {
    int n = serial++;
    String[] s = MixedCorpus.STORIES;
    int a = random.nextInt(s.length);
    int b = (a + 1 + random.nextInt(s.length - 1)) % s.length;
    return s[a] + "\n\n" + s[b] + "\n\nThis is report " + n + " from the desk, filed on day " + (n % 28 + 1)
        + " of the month after checking every figure with the officials involved.";
  }

  String title() {
    return "Report " + serial + " on the regional news";
  }

  private void put(String name, byte[] data, String kind, int articles, String... rejects) throws IOException {
    Files.write(dir.resolve(name), data);
    expect.put(name, new Expect(kind, articles, Arrays.asList(rejects)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void round() throws IOException {
    int k = serial;
    String text = title() + "\n\n" + body();
    put(k + "-text.txt", utf8(text), "text", 1);
    put(k + "-text.txt.gz", MixedCorpus.gzip(utf8(title() + "\n\n" + body())), "gzip", 1);
    put(k + "-page.html", utf8(MixedCorpus.html(title(), body())), "html", 1);

    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      jsonl.append("{\"title\": ").append(MixedCorpus.jsonString(title())).append(", \"text\": ")
          .append(MixedCorpus.jsonString(body())).append("}\n");
    }
    jsonl.append("{\"title\": \"cut off\", \"text\": \"the line ends her\n");
    jsonl.append("{\"title\": 7, \"text\": 12}\n");
    put(k + "-feed.jsonl", utf8(jsonl.toString()), "jsonl with broken lines", 3, "malformed_json", "no_text_field");

    byte[] warc = MixedCorpus.concat(MixedCorpus.warcInfo(), MixedCorpus.warcResponse("https://w.example.com/" + k,
        "text/html; charset=utf-8", utf8(MixedCorpus.html(title(), body()))));
    warc = MixedCorpus.concat(warc, MixedCorpus.warcResponse("https://w.example.com/" + k + "b", "text/html",
        utf8(MixedCorpus.html(title(), body()))));
    put(k + "-crawl.warc.gz", MixedCorpus.gzip(warc), "warc.gz", 2);

    byte[] cut = MixedCorpus.concat(MixedCorpus.warcResponse("https://w.example.com/c" + k, "text/html",
        utf8(MixedCorpus.html(title(), body()))), MixedCorpus.warcResponse("https://w.example.com/d" + k,
        "text/html", utf8(MixedCorpus.html(title(), body()))));
    put(k + "-cut.warc", Arrays.copyOf(cut, cut.length - 100 - random.nextInt(200)), "warc cut mid-record", 1,
        "truncated_warc");

    byte[] gz = MixedCorpus.gzip(utf8(title() + "\n\n" + body()));
    put(k + "-truncated.txt.gz", Arrays.copyOf(gz, gz.length / 2), "truncated gzip", 0, "truncated_gzip");

    put(k + "-empty.txt", new byte[0], "empty", 0, "empty");
    put(k + "-notext.html", utf8("<html><head><title>x</title></head><body><div><span></span></div></body></html>"),
        "html with no text", 0, "no_article_text");
    byte[] garbage = new byte[512 + random.nextInt(4096)];
    random.nextBytes(garbage);
    garbage[0] = 0x00; // garbage never starts like gzip or a BOM
    put(k + "-garbage.bin", garbage, "binary garbage", 0, "binary");

    byte[] bad = utf8(title() + "\n\n" + body());
    bad[bad.length / 2] = (byte) 0x81; // undefined in UTF-8 and in windows-1252
    bad[bad.length / 2 + 1] = (byte) 0x9D;
    put(k + "-invalid-utf8.txt", bad, "invalid UTF-8", 0, "undecodable");

    byte[] mixed = MixedCorpus.concat(utf8(title() + "\n\n“" + body() + "”"),
        " – café".getBytes(Charset.forName("windows-1252")));
    put(k + "-mixed.txt", mixed, "mixed UTF-8 and windows-1252", 0, "undecodable");

    put(k + "-cp1252.txt", (title() + "\n\n“" + body().replace(" after checking", " – café owners say – after"
        + " checking") + "”").getBytes(Charset.forName("windows-1252")),
        "windows-1252 undeclared", 1);
    put(k + "-sjis.txt", "東京で大雨、川が氾濫し住民が避難しました。".repeat(30).getBytes(Charset.forName("Shift_JIS")),
        "Shift_JIS undeclared", 0, "undecodable");
    put(k + "-bom8.txt", MixedCorpus.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        utf8(title() + "\n\n" + body())), "UTF-8 BOM", 1);
    put(k + "-bom16.txt", ("\uFEFF" + title() + "\n\n" + body()).getBytes(StandardCharsets.UTF_16LE), "UTF-16 BOM", 1);

    byte[] nul = utf8(title() + "\n\n" + body());
    nul[nul.length / 3] = 0;
    put(k + "-nul.txt", nul, "NUL byte", 0, "binary");

    put(k + "-chrome.txt", utf8("Menu\n\nHome\n\nTags\n\nAdvertisement\n\nShare this story\n"), "chrome only", 0,
        "no_article_text");
  }

  /** Kinds that are expensive or need the file system, once per corpus. */
  private void once() throws IOException {
    // 50 MB on one line: rejected by the record cap, never held in memory whole.
    Path huge = dir.resolve("huge-single-line.txt");
    try (OutputStream out = Files.newOutputStream(huge)) {
      byte[] chunk = utf8("word ".repeat(20_000));
      for (int i = 0; i < 500; i++) {
        out.write(chunk);
      }
    }
    expect.put("huge-single-line.txt", new Expect("50 MB single line", 0, java.util.List.of("too_large")));

    StringBuilder nested = new StringBuilder("<html><body>");
    nested.append("<div>".repeat(20_000)).append("<p>").append(body().replace("\n\n", "</p><p>")).append("</p>")
        .append("</div>".repeat(20_000)).append("</body></html>");
    put("deeply-nested.html", utf8(nested.toString()), "20,000 nested divs", 1);

    Files.createDirectories(dir.resolve("directory-named-like-a-file.html"));
    expect.put("directory-named-like-a-file.html", new Expect("directory", 0, java.util.List.of("not_a_file")));
  }
}
