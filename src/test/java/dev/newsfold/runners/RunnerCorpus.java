package dev.newsfold.runners;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Generates a corpus of any size deterministically (same arguments, same bytes): articles in every input format (text
 * dumps, gzipped dumps, HTML, JSON lines, WARC), each outlet's pages carrying the same template chrome (menus, ads,
 * "most popular" lists of other headlines) so the corpus-wide template side input matters, exact copies of wire
 * stories on other outlets, the two seed pages, and a few bad files that must become rejects. The text is generated
 * from word lists by index arithmetic: no randomness, no clock, nothing taken from the labelled data.
 *
 * <p>Layout: {@code <dir>/<outlet host>/<file>}; read it with {@code --input=<dir>/*}{@code /*}.
 */
public final class RunnerCorpus {

  /** What was written: files, articles meant to survive, and inputs meant to be rejected. */
  public record Summary(int files, int articles, int rejects) {}

  static final String[] OUTLETS = {
      "valleygazette.com", "northern-herald.co.uk", "citywire-news.org", "harbourtimes.net", "plainsdaily.com",
      "metro-ledger.com"};
  static final String[] PLACES = {
      "Millbrook", "Eastport", "Karsville", "Lindon", "Ardmore", "Riverton", "Oakridge", "Fairhaven", "Brantley",
      "Westmoor", "Calder", "Dunmore", "Glenrock", "Hollister", "Marlow", "Newbury"};
  static final String[] PEOPLE = {
      "Maria Okafor", "James Whitfield", "Elena Varga", "Tomas Lindqvist", "Priya Raman", "Samuel Achebe",
      "Hannah Keller", "Daniel Moreau", "Aiko Tanaka", "Luis Ortega", "Grace Mbeki", "Oliver Brandt"};
  static final String[] ROLES = {
      "the regional governor", "the transport minister", "the council leader", "a spokesperson for the utility",
      "the chief engineer", "the health commissioner", "the police chief", "the mayor"};
  static final String[] TOPICS = {
      "flood defences", "the new rail link", "the hospital expansion", "wheat harvest", "the port strike",
      "school funding", "the wildfire season", "water rationing", "the bridge repairs", "electricity prices",
      "the housing plan", "fishing quotas"};
  static final String[] VERBS = {"said", "told reporters", "announced", "warned", "confirmed", "insisted"};
  static final String[] EVENTS = {
      "Storm", "Strike", "Budget Row", "Heatwave", "Election", "Outage", "Protest", "Inquiry", "Recall", "Shortage"};
  static final String[] DETAILS = {
      "crews worked through the night to reinforce the embankment near the old mill",
      "residents queued for hours outside the town hall to hear the latest plans",
      "local businesses said they had lost most of a week of trade",
      "opposition members demanded an independent review of the spending",
      "engineers said the structure had not been inspected for several years",
      "farmers began harvesting two weeks early to save what they could",
      "union representatives said talks would resume after the weekend",
      "officials opened three temporary shelters in school buildings",
      "forecasters expect conditions to ease by the end of the month",
      "the cost of the work has risen sharply since the first estimate"};

  private RunnerCorpus() {}

  /** Writes {@code articles} generated articles plus the seeds (when {@code seeds} exists) and bad files. */
  public static Summary write(Path dir, int articles, Path seeds) throws IOException {
    Files.createDirectories(dir);
    int files = 0;
    int ok = 0;
    int rejects = 0;
    List<String> jsonl = new ArrayList<>();
    ByteArrayOutputStream warc = new ByteArrayOutputStream();
    int jsonlFiles = 0;
    int warcFiles = 0;
    for (int i = 0; i < articles; i++) {
      String outlet = OUTLETS[i % OUTLETS.length];
      Path outletDir = Files.createDirectories(dir.resolve(outlet));
      String title = title(i);
      String date = date(i);
      String body = body(i);
      String name = String.format("%06d", i);
      switch (i % 10) {
        case 0, 1, 2 -> write(outletDir.resolve(name + ".txt"), dump(i, title, date, body, outlet));
        case 3 -> write(outletDir.resolve(name + ".txt.gz"), gzip(dump(i, title, date, body, outlet)));
        case 4, 5 -> write(outletDir.resolve(name + ".html"), html(i, title, date, body, outlet)
            .getBytes(StandardCharsets.UTF_8));
        case 6, 7 -> {
          jsonl.add("{\"url\": \"https://" + outlet + "/news/" + name + "\", \"title\": " + json(title)
              + ", \"published\": \"" + date + "\", \"text\": " + json(body) + "}");
          ok--;
          files--;
        }
        case 8 -> {
          warc.write(warcResponse("https://" + outlet + "/story/" + name, html(i, title, date, body, outlet)
              .getBytes(StandardCharsets.UTF_8)));
          ok--;
          files--;
        }
        default -> {
          // A wire story copied word for word onto another outlet's page, with that outlet's chrome.
          int original = i - 9;
          String copyOutlet = OUTLETS[(i + 1) % OUTLETS.length];
          write(Files.createDirectories(dir.resolve(copyOutlet)).resolve(name + "-copy.txt"),
              dump(i, title(original), date(original), body(original), copyOutlet));
        }
      }
      ok++;
      files++;
      if (jsonl.size() == 12 || (i == articles - 1 && !jsonl.isEmpty())) {
        write(dir.resolve(OUTLETS[jsonlFiles % OUTLETS.length]).resolve(String.format("feed-%03d.jsonl", jsonlFiles)),
            (String.join("\n", jsonl) + "\n").getBytes(StandardCharsets.UTF_8));
        ok += jsonl.size();
        files++;
        jsonl.clear();
        jsonlFiles++;
      }
      if (warc.size() > 0 && ((i % 60) == 58 || i >= articles - 10)) {
        int records = countRecords(warc.toByteArray());
        write(Files.createDirectories(dir.resolve(OUTLETS[warcFiles % OUTLETS.length]))
            .resolve(String.format("crawl-%03d.warc.gz", warcFiles)), gzip(warc.toByteArray()));
        ok += records;
        files++;
        warc.reset();
        warcFiles++;
      }
    }
    if (seeds != null && Files.isDirectory(seeds)) {
      Path seedDir = Files.createDirectories(dir.resolve("seeds"));
      try (var list = Files.list(seeds)) {
        for (Path seed : list.sorted().toList()) {
          Files.copy(seed, seedDir.resolve(seed.getFileName()));
          ok++;
          files++;
        }
      }
    }
    Path bad = Files.createDirectories(dir.resolve("bad"));
    write(bad.resolve("empty.txt"), new byte[0]);
    byte[] png = new byte[512];
    png[0] = (byte) 0x89;
    png[1] = 'P';
    png[2] = 'N';
    png[3] = 'G';
    write(bad.resolve("image.txt"), png);
    byte[] gz = gzip(dump(1, title(1), date(1), body(1), OUTLETS[0]));
    write(bad.resolve("cut.txt.gz"), Arrays.copyOf(gz, gz.length - 20));
    write(bad.resolve("menu.html"), ("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
        + "<a href='/w'>World</a></nav><p>Subscribe</p></body></html>").getBytes(StandardCharsets.UTF_8));
    write(bad.resolve("broken.jsonl"), "{\"title\": \"half\n".getBytes(StandardCharsets.UTF_8));
    files += 5;
    rejects += 5;
    return new Summary(files, ok, rejects);
  }

  static String title(int i) {
    return PLACES[i % PLACES.length] + " " + EVENTS[(i / 3) % EVENTS.length] + " Puts "
        + capitalise(TOPICS[(i * 7) % TOPICS.length]) + " in Doubt, Officials Say (" + (1000 + i) + ")";
  }

  static String date(int i) {
    return String.format("2024-%02d-%02d", 1 + (i / 28) % 12, 1 + i % 28);
  }

  /** Four or five paragraphs of prose built from the word lists; article {@code i} always gets the same text. */
  static String body(int i) {
    String place = PLACES[i % PLACES.length];
    String person = PEOPLE[(i * 5) % PEOPLE.length];
    String role = ROLES[(i * 3) % ROLES.length];
    String topic = TOPICS[(i * 7) % TOPICS.length];
    String other = TOPICS[(i * 7 + 5) % TOPICS.length];
    int n = 120 + (i * 37) % 9000;
    List<String> paras = new ArrayList<>();
    paras.add(place + " faced growing pressure over " + topic + " on " + weekday(i) + " after " + person + ", "
        + role + ", " + VERBS[i % VERBS.length] + " that about " + n + " households would be affected in the coming"
        + " weeks.");
    paras.add("\u201CWe cannot pretend this is a small problem,\u201D " + person + " " + VERBS[(i + 2) % VERBS.length]
        + ". \u201CPeople in " + place + " deserve a plan that works, and they deserve it before the winter.\u201D");
    paras.add("In " + place + ", " + DETAILS[i % DETAILS.length] + ", while " + DETAILS[(i * 3 + 1) % DETAILS.length]
        + ". The dispute over " + topic + " has also delayed decisions on " + other + ".");
    paras.add("Figures released by the statistics office showed that more than " + (n / 3 + 11) + " complaints had"
        + " been filed since " + date(i + 40).substring(0, 7) + ", up " + (3 + i % 17) + " percent on the same period"
        + " a year earlier.");
    if (i % 2 == 0) {
      paras.add(PEOPLE[(i * 5 + 3) % PEOPLE.length] + ", who leads a residents' group in " + PLACES[(i + 5)
          % PLACES.length] + ", said the announcement came too late and that " + DETAILS[(i + 4) % DETAILS.length]
          + ".");
    }
    return String.join("\n\n", paras);
  }

  /** A text dump as scrapers save it: date line, title, the outlet's chrome around the body. */
  static byte[] dump(int i, String title, String date, String body, String outlet) {
    StringBuilder s = new StringBuilder();
    s.append(" date ").append(date).append(" ").append(i % 3 == 0 ? "World" : "Local").append("\n\n");
    s.append(title).append("\n\n");
    s.append(outletName(outlet)).append(" | Home | News | Sport | Opinion\n\n");
    s.append(body).append("\n\n");
    s.append("Advertisement\n\n");
    s.append("MOST POPULAR\n\n");
    for (int k = 1; k <= 4; k++) {
      s.append(title(i + 11 * k)).append("\n");
    }
    s.append("\nSign up for the ").append(outletName(outlet)).append(" morning briefing\n\n");
    s.append("\u00A9 2024 ").append(outletName(outlet)).append(". All rights reserved.\n");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String html(int i, String title, String date, String body, String outlet) {
    StringBuilder p = new StringBuilder();
    for (String para : body.split("\n\n")) {
      p.append("<p>").append(escape(para)).append("</p>\n");
    }
    StringBuilder popular = new StringBuilder();
    for (int k = 1; k <= 4; k++) {
      popular.append("<li><a href=\"/news/").append(i + 11 * k).append("\">").append(escape(title(i + 11 * k)))
          .append("</a></li>");
    }
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + " | "
        + outletName(outlet) + "</title><meta property=\"og:site_name\" content=\"" + outletName(outlet) + "\">"
        + "<meta property=\"og:title\" content=\"" + escape(title) + "\">"
        + "<meta property=\"article:published_time\" content=\"" + date + "T08:00:00Z\"></head><body>"
        + "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>"
        + "<main><article><h1>" + escape(title) + "</h1>" + p + "</article>"
        + "<aside><h2>Most popular</h2><ul>" + popular + "</ul></aside></main>"
        + "<footer><a href=\"/about\">About us</a> <a href=\"/privacy\">Privacy</a> \u00A9 2024 " + outletName(outlet)
        + "</footer></body></html>";
  }

  static String outletName(String host) {
    String base = host.substring(0, host.indexOf('.')).replace('-', ' ');
    StringBuilder out = new StringBuilder();
    for (String w : base.split(" ")) {
      out.append(out.length() == 0 ? "" : " ").append(capitalise(w));
    }
    return out.toString();
  }

  static byte[] warcResponse(String uri, byte[] payload) {
    byte[] http = concat(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
        + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), payload);
    String header = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\n"
        + "WARC-Date: 2024-06-04T09:00:00Z\r\nWARC-Record-ID: <urn:uuid:"
        + java.util.UUID.nameUUIDFromBytes(uri.getBytes(StandardCharsets.UTF_8)) + ">\r\n"
        + "Content-Type: application/http; msgtype=response\r\nContent-Length: " + http.length + "\r\n\r\n";
    return concat(concat(header.getBytes(StandardCharsets.US_ASCII), http), "\r\n\r\n".getBytes());
  }

  private static int countRecords(byte[] warc) {
    String s = new String(warc, StandardCharsets.ISO_8859_1);
    int n = 0;
    for (int at = s.indexOf("WARC-Type: response"); at >= 0; at = s.indexOf("WARC-Type: response", at + 1)) {
      n++;
    }
    return n;
  }

  private static String weekday(int i) {
    return List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday").get(i % 7);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static void write(Path file, byte[] data) throws IOException {
    Files.write(file, data);
  }
}
