package dev.newsfold.io;

import java.nio.charset.StandardCharsets;

/** Hand-made WARC records for decoder tests. */
final class WarcBytes {
  private WarcBytes() {}

  static String response(String uri, String contentType, String payload) {
    String http = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n\r\n" + payload;
    int len = http.getBytes(StandardCharsets.UTF_8).length;
    return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: 2024-06-04T09:00:00Z\r\n"
        + "WARC-Record-ID: <urn:uuid:" + java.util.UUID.nameUUIDFromBytes(uri.getBytes()) + ">\r\n"
        + "Content-Type: application/http; msgtype=response\r\nContent-Length: " + len + "\r\n\r\n" + http + "\r\n\r\n";
  }

  static byte[] twoResponses() {
    return (response("https://example.com/one", "text/html; charset=utf-8", "<html><p>first page</p></html>")
        + response("https://example.com/two", "text/html", "<html><p>second page</p></html>"))
        .getBytes(StandardCharsets.UTF_8);
  }
}
