package dev.newsfold;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a folder holding every supported format (plain, gzipped) and every kind of bad input, and knows how many
 * articles and rejects each file must give. Texts are written for the tests, not taken from the seeds.
 */
public final class MixedCorpus {

  /** Expected articles and rejects per file name. */
  public record Expect(int articles, int rejects, String rejectReason) {}

  public static final String[] STORIES = {
      "Flood waters rose across the river valley on Tuesday, forcing hundreds of families from their homes as"
          + " emergency crews worked through the night to shore up levees near the town of Millbrook.",
      "The regional council said it had opened three shelters and asked residents in low-lying streets to leave"
          + " before the next high tide, which forecasters expect late on Wednesday evening.",
      "Engineers warned that the old embankment had not been inspected since 2019 and that further heavy rain could"
          + " overwhelm it, according to a statement released by the water authority.",
      "A coalition of farmers in the northern plains began harvesting wheat two weeks early after a heatwave pushed"
          + " temperatures above 40 degrees for five straight days, the agriculture ministry said.",
      "Grain prices rose about 4 percent on the commodity exchange as traders weighed the smaller crop against stocks"
          + " held over from last year, which officials put at more than 2 million tonnes.",
      "The city library reopened its historic reading room on Saturday after a renovation that took three years and"
          + " cost roughly 12 million dollars, the mayor told reporters at the ribbon cutting.",
  };

  private MixedCorpus() {}

  static String article(int i, int j) {
    return STORIES[i] + "\n\n" + STORIES[j] + "\n\n" + STORIES[(i + j + 1) % STORIES.length];
  }

  static String html(String title, String body) {
    StringBuilder p = new StringBuilder();
    for (String para : body.split("\n\n")) {
      p.append("<p>").append(para).append("</p>\n");
    }
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
        + "<meta property=\"og:site_name\" content=\"Valley Gazette\">"
        + "<meta property=\"article:published_time\" content=\"2024-06-04T08:00:00Z\"></head><body>"
        + "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>"
        + "<article><h1>" + title + "</h1>" + p + "</article>"
        + "<footer><a href=\"/about\">About us</a> <a href=\"/privacy\">Privacy</a></footer></body></html>";
  }

  static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] warcResponse(String uri, String contentType, byte[] payload) {
    byte[] http = concat(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + payload.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), payload);
    String header = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\n"
        + "WARC-Date: 2024-06-04T09:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + java.util.UUID.nameUUIDFromBytes(
            uri.getBytes(StandardCharsets.UTF_8)) + ">\r\n"
        + "Content-Type: application/http; msgtype=response\r\nContent-Length: " + http.length + "\r\n\r\n";
    return concat(concat(header.getBytes(StandardCharsets.US_ASCII), http), "\r\n\r\n".getBytes());
  }

  static byte[] warcInfo() {
    byte[] body = "software: newsfold-test\r\n".getBytes(StandardCharsets.US_ASCII);
    String header = "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-06-04T09:00:00Z\r\n"
        + "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        + "Content-Type: application/warc-fields\r\nContent-Length: " + body.length + "\r\n\r\n";
    return concat(concat(header.getBytes(StandardCharsets.US_ASCII), body), "\r\n\r\n".getBytes());
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Writes the corpus into {@code dir}; returns what each file must give. */
  public static Map<String, Expect> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Expect> expect = new LinkedHashMap<>();
    String dump = " date 2024-06-04 Weather\n\nRiver floods force families from homes\n\n" + article(0, 1)
        + "\n\nTags\n\nShare this story\n";
    write(dir, "flood.txt", dump.getBytes(StandardCharsets.UTF_8));
    expect.put("flood.txt", new Expect(1, 0, null));

    write(dir, "flood-copy.txt.gz", gzip(dump.getBytes(StandardCharsets.UTF_8)));
    expect.put("flood-copy.txt.gz", new Expect(1, 0, null));

    write(dir, "harvest.html", html("Heatwave brings early harvest", article(3, 4)).getBytes(StandardCharsets.UTF_8));
    expect.put("harvest.html", new Expect(1, 0, null));

    // A .txt that holds HTML is HTML.
    write(dir, "library-page.txt", html("Library reopens", article(5, 0)).getBytes(StandardCharsets.UTF_8));
    expect.put("library-page.txt", new Expect(1, 0, null));

    StringBuilder jsonl = new StringBuilder();
    jsonl.append("{\"url\": \"https://news.example.org/a\", \"title\": \"Shelters open\", \"published\": \"2024-06-05\","
        + " \"text\": ").append(jsonString(article(1, 2))).append("}\n");
    jsonl.append("{\"url\": \"https://news.example.org/b\", \"html\": ")
        .append(jsonString(html("Grain prices rise", article(4, 3)))).append("}\n");
    jsonl.append("\n");
    jsonl.append("{\"url\": \"https://news.example.org/c\", \"title\": broken json\n");
    jsonl.append("{\"url\": \"https://news.example.org/d\", \"title\": \"no body\"}\n");
    jsonl.append("[1, 2, 3]\n");
    write(dir, "feed.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8));
    expect.put("feed.jsonl", new Expect(2, 3, null));

    byte[] warc = concat(warcInfo(), warcResponse("https://valley.example.com/flood",
        "text/html; charset=utf-8", html("Levee warning", article(2, 0)).getBytes(StandardCharsets.UTF_8)));
    warc = concat(warc, warcResponse("https://valley.example.com/logo.png", "image/png", new byte[] {1, 2, 3}));
    warc = concat(warc, warcResponse("https://valley.example.com/library",
        "text/html", html("Reading room", article(5, 3)).getBytes(StandardCharsets.UTF_8)));
    write(dir, "crawl.warc.gz", gzip(warc));
    expect.put("crawl.warc.gz", new Expect(2, 1, "unsupported_content_type"));

    // Cut in the middle of the second response record.
    byte[] first = warcResponse("https://valley.example.com/x", "text/html",
        html("Harvest early", article(3, 5)).getBytes(StandardCharsets.UTF_8));
    byte[] second = warcResponse("https://valley.example.com/y", "text/html",
        html("Prices", article(4, 1)).getBytes(StandardCharsets.UTF_8));
    write(dir, "cut.warc", concat(first, Arrays.copyOf(second, second.length / 2)));
    expect.put("cut.warc", new Expect(1, 1, "truncated_warc"));

    byte[] gz = gzip(dump.replace("River floods", "Rivers flood").getBytes(StandardCharsets.UTF_8));
    write(dir, "truncated.txt.gz", Arrays.copyOf(gz, gz.length - 30));
    expect.put("truncated.txt.gz", new Expect(0, 1, "truncated_gzip"));

    write(dir, "empty.txt", new byte[0]);
    expect.put("empty.txt", new Expect(0, 1, "empty"));

    write(dir, "blank.html", "   \n\n  ".getBytes(StandardCharsets.UTF_8));
    expect.put("blank.html", new Expect(0, 1, "empty"));

    byte[] png = new byte[600];
    png[0] = (byte) 0x89;
    png[1] = 'P';
    png[2] = 'N';
    png[3] = 'G';
    write(dir, "photo.txt", png);
    expect.put("photo.txt", new Expect(0, 1, "binary"));

    byte[] nul = dump.getBytes(StandardCharsets.UTF_8);
    nul[40] = 0;
    write(dir, "nul.txt", nul);
    expect.put("nul.txt", new Expect(0, 1, "binary"));

    // Shift_JIS bytes with no declaration: not UTF-8, not plausible windows-1252.
    write(dir, "japanese.txt", ("ニュース速報：河川の氾濫で住民が避難しました。" .repeat(20))
        .getBytes(Charset.forName("Shift_JIS")));
    expect.put("japanese.txt", new Expect(0, 1, "undecodable"));

    // windows-1252 with curly quotes and accents, undeclared: decoded, not rejected.
    write(dir, "latin.txt", ("Café owners reopen\n\n“We are back,” said the owner of the café on Main Street, who"
        + " reopened on Monday after the flood waters drained away from the old quarter of the town.\n\n"
        + STORIES[1] + "\n").getBytes(Charset.forName("windows-1252")));
    expect.put("latin.txt", new Expect(1, 0, null));

    write(dir, "chrome-only.html", ("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
        + "<a href='/a'>World</a></nav><p>Subscribe</p><footer>© 2024</footer></body></html>")
        .getBytes(StandardCharsets.UTF_8));
    expect.put("chrome-only.html", new Expect(0, 1, "no_article_text"));

    write(dir, "huge.txt", ("Title\n\n" + "word ".repeat(300_000)).getBytes(StandardCharsets.UTF_8));
    expect.put("huge.txt", new Expect(0, 1, "too_large"));
    return expect;
  }

  /** The --maxRecordBytes the corpus is meant for: huge.txt (1.5 MB) is over it, everything else under. */
  public static final long MAX_RECORD_BYTES = 1_000_000;

  private static void write(Path dir, String name, byte[] data) throws IOException {
    Files.write(dir.resolve(name), data);
  }
}
