package dev.newsfold.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.RawDocument;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Turns one input file into documents (one per article candidate) and rejects. Pure Java, independent of Beam.
 *
 * <p>Files are streamed: containers (JSON lines, WARC) are read record by record, so a multi-gigabyte WARC never sits
 * in memory; each single record is capped at {@code maxRecordBytes}. Every record that cannot become a document is
 * reported as a reject with a stable reason, so inputs = documents + rejects.
 */
public final class DocumentDecoder implements Serializable {

  /** Receives what the decoder finds, in file order. */
  public interface Sink {
    void document(RawDocument document);

    void reject(Reject reject);
  }

  /** Stable reject reasons (the {@code rejects.reason} column). */
  public static final String EMPTY = "empty";
  public static final String BINARY = "binary";
  public static final String UNDECODABLE = "undecodable";
  public static final String TOO_LARGE = "too_large";
  public static final String TRUNCATED_GZIP = "truncated_gzip";
  public static final String TRUNCATED_WARC = "truncated_warc";
  public static final String MALFORMED_WARC = "malformed_warc";
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String NO_TEXT_FIELD = "no_text_field";
  public static final String UNSUPPORTED_CONTENT = "unsupported_content_type";
  public static final String HTTP_ERROR = "http_error";
  public static final String UNREADABLE = "unreadable";
  public static final String NOT_A_FILE = "not_a_file";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SNIFF_BYTES = 8192;

  private final long maxRecordBytes;

  public DocumentDecoder(long maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Decodes the file at {@code uri}, read from {@code in} (closed by the caller). */
  public void decode(String uri, long fileSize, InputStream in, Sink sink) {
    String name = fileName(uri).toLowerCase(Locale.ROOT);
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    String gzip = "";
    InputStream body = buffered;
    try {
      byte[] magic = peek(buffered, 2);
      if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        gzip = "+gzip";
        body = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
      }
      byte[] head = peek(body, SNIFF_BYTES);
      if (head.length == 0) {
        sink.reject(reject(uri, EMPTY, "file has no bytes" + (gzip.isEmpty() ? "" : " after decompression"), fileSize));
        return;
      }
      String format = sniffFormat(name, head);
      switch (format) {
        case "warc" -> decodeWarc(uri, fileSize, body, "warc" + gzip, sink);
        case "jsonl" -> decodeJsonLines(uri, body, "jsonl" + gzip, sink);
        default -> decodeSingle(uri, fileSize, body, format, format + gzip, sink);
      }
    } catch (EOFException | ZipException e) {
      String reason = gzip.isEmpty() ? UNREADABLE : TRUNCATED_GZIP;
      sink.reject(reject(uri, reason, describe(e), fileSize));
    } catch (IOException e) {
      sink.reject(reject(uri, UNREADABLE, describe(e), fileSize));
    }
  }

  /** text, html, jsonl or warc: by magic bytes first, then extension, then content shape. */
  static String sniffFormat(String name, byte[] head) {
    String start = new String(head, 0, Math.min(head.length, 2048), java.nio.charset.StandardCharsets.ISO_8859_1);
    String trimmed = stripBom(start).stripLeading();
    if (trimmed.startsWith("WARC/")) {
      return "warc";
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
        || (trimmed.startsWith("{") && !lower.contains("<html"))) {
      return "jsonl";
    }
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.startsWith("<?xml")
        || lower.startsWith("<head") || lower.startsWith("<body") || lower.startsWith("<!--")
        || lower.contains("<html") || lower.contains("<body") || name.endsWith(".html") || name.endsWith(".htm")) {
      return "html";
    }
    // Markup fragments without <html>: a .txt holding HTML is still HTML.
    int tags = countTags(lower);
    return tags >= 5 ? "html" : "text";
  }

  private void decodeSingle(String uri, long fileSize, InputStream in, String contentType, String format, Sink sink)
      throws IOException {
    Bounded bytes = readBounded(in, maxRecordBytes);
    if (bytes.overflow) {
      sink.reject(reject(uri, TOO_LARGE, "more than " + maxRecordBytes + " bytes in one document", fileSize));
      return;
    }
    String declared = contentType.equals("html") ? TextDecoding.declaredInMarkup(bytes.data, bytes.length) : null;
    RawDocument.Builder doc = RawDocument.newBuilder()
        .setSourceUri(uri).setFormat(format).setContentType(contentType).setSizeBytes(fileSize);
    emitDecoded(uri, bytes.data, bytes.length, declared, doc, fileSize, sink);
  }

  private void decodeJsonLines(String uri, InputStream in, String format, Sink sink) throws IOException {
    int lineNo = 0;
    while (true) {
      Bounded line = readLine(in, maxRecordBytes);
      if (line == null) {
        return;
      }
      lineNo++;
      String recordUri = uri + "#line=" + lineNo;
      if (line.overflow) {
        sink.reject(reject(recordUri, TOO_LARGE, "line longer than " + maxRecordBytes + " bytes", line.total));
        continue;
      }
      if (isBlank(line.data, line.length)) {
        continue; // blank separator lines are not records
      }
      JsonNode node;
      try {
        String text = TextDecoding.decode(line.data, line.length, "UTF-8").text();
        node = JSON.readTree(text);
      } catch (TextDecoding.UndecodableException e) {
        sink.reject(reject(recordUri, UNDECODABLE, e.getMessage(), line.length));
        continue;
      } catch (IOException e) {
        sink.reject(reject(recordUri, MALFORMED_JSON, firstLine(e.getMessage()), line.length));
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.reject(reject(recordUri, MALFORMED_JSON, "line is not a JSON object", line.length));
        continue;
      }
      String html = stringField(node, "html");
      String text = stringField(node, "text");
      if (html == null && text == null) {
        sink.reject(reject(recordUri, NO_TEXT_FIELD, "object has no non-empty 'text' or 'html' field", line.length));
        continue;
      }
      sink.document(RawDocument.newBuilder()
          .setSourceUri(recordUri).setFormat(format).setContentType(html != null ? "html" : "text")
          .setContent(html != null ? html : text).setSizeBytes(line.length)
          .setUrl(textField(node, "url")).setTitle(textField(node, "title"))
          .setPublished(textField(node, "published")).setOutlet(textField(node, "outlet"))
          .build());
    }
  }

  private void decodeWarc(String uri, long fileSize, InputStream in, String format, Sink sink) throws IOException {
    int recordNo = 0;
    try (WarcReader reader = new WarcReader(in)) {
      while (true) {
        WarcRecord record;
        try {
          record = reader.next().orElse(null);
        } catch (EOFException e) {
          sink.reject(reject(uri + "#record=" + (recordNo + 1), TRUNCATED_WARC, "file ends inside a record header",
              0));
          return;
        } catch (org.netpreserve.jwarc.ParsingException e) {
          sink.reject(reject(uri + "#record=" + (recordNo + 1), MALFORMED_WARC, firstLine(e.getMessage()), 0));
          return;
        }
        if (record == null) {
          return;
        }
        recordNo++;
        if (!(record instanceof WarcResponse response)) {
          continue; // warcinfo, request, metadata records are not articles
        }
        String recordUri = uri + "#record=" + recordNo;
        long declaredLength = record.body().size();
        try {
          decodeWarcResponse(recordUri, response, declaredLength, format, sink);
        } catch (EOFException e) {
          sink.reject(reject(recordUri, TRUNCATED_WARC, "record body ends before its Content-Length", declaredLength));
          return;
        } catch (org.netpreserve.jwarc.ParsingException e) {
          sink.reject(reject(recordUri, MALFORMED_WARC, "bad HTTP response: " + firstLine(e.getMessage()),
              declaredLength));
        }
      }
    }
  }

  private void decodeWarcResponse(String recordUri, WarcResponse response, long declaredLength, String format,
      Sink sink) throws IOException {
    var http = response.http();
    if (http.status() >= 300) {
      consume(http.body().stream());
      sink.reject(reject(recordUri, HTTP_ERROR, "HTTP status " + http.status(), declaredLength));
      return;
    }
    MediaType type = http.contentType();
    String base = type == null ? "" : type.base().toString().toLowerCase(Locale.ROOT);
    boolean html = base.isEmpty() || base.contains("html");
    boolean text = base.equals("text/plain");
    if (!html && !text) {
      consume(http.body().stream());
      sink.reject(reject(recordUri, UNSUPPORTED_CONTENT, "Content-Type " + base, declaredLength));
      return;
    }
    Bounded bytes = readBounded(http.body().stream(), maxRecordBytes);
    if (bytes.overflow) {
      sink.reject(reject(recordUri, TOO_LARGE, "record body over " + maxRecordBytes + " bytes", declaredLength));
      return;
    }
    // A WARC cut mid-record shows as a record body shorter than its declared Content-Length.
    response.body().consume();
    if (response.body().position() < response.body().size()) {
      throw new EOFException("short body");
    }
    String declared = TextDecoding.fromContentType(type == null ? null : type.toString());
    if (declared == null && html) {
      declared = TextDecoding.declaredInMarkup(bytes.data, bytes.length);
    }
    RawDocument.Builder doc = RawDocument.newBuilder()
        .setSourceUri(recordUri).setFormat(format).setContentType(html ? "html" : "text")
        .setSizeBytes(declaredLength).setUrl(response.target());
    emitDecoded(recordUri, bytes.data, bytes.length, declared, doc, declaredLength, sink);
  }

  private void emitDecoded(String uri, byte[] data, int length, String declared, RawDocument.Builder doc,
      long size, Sink sink) {
    if (isBlank(data, length)) {
      sink.reject(reject(uri, EMPTY, "only whitespace", size));
      return;
    }
    String binary = binaryKind(data, length);
    if (binary != null) {
      sink.reject(reject(uri, BINARY, binary, size));
      return;
    }
    try {
      TextDecoding.Decoded decoded = TextDecoding.decode(data, length, declared);
      String content = stripBom(decoded.text());
      if (content.indexOf('\u0000') >= 0) {
        sink.reject(reject(uri, BINARY, "text contains NUL characters", size));
        return;
      }
      sink.document(doc.setContent(content).build());
    } catch (TextDecoding.UndecodableException e) {
      sink.reject(reject(uri, UNDECODABLE, e.getMessage(), size));
    }
  }

  /** A description of binary content (magic number or control-byte share), or null for text. */
  static String binaryKind(byte[] data, int length) {
    if (startsWith(data, length, "%PDF")) {
      return "PDF document";
    }
    if (length >= 4 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
      return "PNG image";
    }
    if (length >= 3 && (data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xD8 && (data[2] & 0xff) == 0xFF) {
      return "JPEG image";
    }
    if (startsWith(data, length, "PK\u0003\u0004")) {
      return "ZIP archive";
    }
    if (startsWith(data, length, "GIF8")) {
      return "GIF image";
    }
    boolean utf16 = length >= 2 && (((data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xFE)
        || ((data[0] & 0xff) == 0xFE && (data[1] & 0xff) == 0xFF));
    if (utf16) {
      return null;
    }
    int n = Math.min(length, SNIFF_BYTES);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = data[i] & 0xff;
      if (b == 0) {
        return "NUL bytes in the first " + n + " bytes";
      }
      if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
        control++;
      }
    }
    return control * 20 > n ? control + " control bytes in the first " + n + " bytes" : null;
  }

  static Reject reject(String uri, String reason, String detail, long size) {
    return Reject.newBuilder().setSourceUri(uri).setStage("read").setReason(reason)
        .setDetail(detail).setSizeBytes(size).build();
  }

  // ---- small stream helpers ----

  private record Bounded(byte[] data, int length, boolean overflow, long total) {}

  private static Bounded readBounded(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        consume(in);
        return new Bounded(new byte[0], 0, true, total);
      }
      out.write(buf, 0, n);
    }
    byte[] data = out.toByteArray();
    return new Bounded(data, data.length, false, total);
  }

  /** Next line without its terminator, capped at max bytes (the rest of an over-long line is skipped), or null at EOF. */
  private static Bounded readLine(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    long total = 0;
    boolean overflow = false;
    int b;
    boolean any = false;
    while ((b = in.read()) >= 0) {
      any = true;
      if (b == '\n') {
        break;
      }
      total++;
      if (total > max) {
        overflow = true;
      } else {
        out.write(b);
      }
    }
    if (!any) {
      return null;
    }
    byte[] data = out.toByteArray();
    int length = data.length;
    if (length > 0 && data[length - 1] == '\r') {
      length--;
    }
    return new Bounded(data, length, overflow, total);
  }

  private static byte[] peek(InputStream in, int n) throws IOException {
    in.mark(n);
    byte[] buf = new byte[n];
    int read = 0;
    while (read < n) {
      int r = in.read(buf, read, n - read);
      if (r < 0) {
        break;
      }
      read += r;
    }
    in.reset();
    return read == n ? buf : java.util.Arrays.copyOf(buf, read);
  }

  private static void consume(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    while (in.read(buf) > 0) {
      // drain so the container reader can move to the next record
    }
  }

  private static boolean isBlank(byte[] data, int length) {
    for (int i = 0; i < length; i++) {
      int b = data[i] & 0xff;
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != 0x0B && b != 0x0C) {
        // A UTF-8 BOM alone is still blank.
        if (i == 0 && length >= 3 && b == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
          i = 2;
          continue;
        }
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] data, int length, String magic) {
    if (length < magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if ((data[i] & 0xff) != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int countTags(String s) {
    int count = 0;
    for (String tag : new String[] {"<p>", "<p ", "<div", "<br", "<span", "<a href", "<h1", "<h2", "<li", "<table"}) {
      int i = 0;
      while ((i = s.indexOf(tag, i)) >= 0) {
        count++;
        i += tag.length();
      }
    }
    return count;
  }

  private static String textField(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.isBlank() ? null : s;
  }

  /** Article bodies must be JSON strings; a number or object under "text" is no text. */
  private static String stringField(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  static String fileName(String uri) {
    int slash = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
    return slash >= 0 ? uri.substring(slash + 1) : uri;
  }

  private static String describe(Exception e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return null;
    }
    int nl = s.indexOf('\n');
    String line = nl >= 0 ? s.substring(0, nl) : s;
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
