package dev.newsfold.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsfold.schema.Reject;
import dev.newsfold.schema.internal.RawDocument;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentDecoderTest {

  static final class Collect implements DocumentDecoder.Sink {
    final List<RawDocument> docs = new ArrayList<>();
    final List<Reject> rejects = new ArrayList<>();

    @Override
    public void document(RawDocument d) {
      docs.add(d);
    }

    @Override
    public void reject(Reject r) {
      rejects.add(r);
    }
  }

  static Collect decode(String name, byte[] bytes) {
    Collect c = new Collect();
    new DocumentDecoder(1_000_000).decode("/in/" + name, bytes.length, new ByteArrayInputStream(bytes), c);
    return c;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void warcResponsesBecomeHtmlDocuments() throws Exception {
    Collect c = decode("a.warc", WarcBytes.twoResponses());
    assertEquals(List.of(), c.rejects.stream().map(r -> r.getReason() + " " + r.getDetail()).toList());
    assertEquals(2, c.docs.size());
    assertEquals("html", c.docs.get(0).getContentType());
    assertEquals("https://example.com/one", c.docs.get(0).getUrl());
    assertTrue(c.docs.get(0).getContent().contains("first page"));
  }

  @Test
  void truncatedWarcKeepsEarlierRecordsAndRejectsTheCut() {
    byte[] all = WarcBytes.twoResponses();
    byte[] cut = java.util.Arrays.copyOf(all, all.length - 40);
    Collect c = decode("cut.warc", cut);
    assertEquals(1, c.docs.size());
    assertEquals(1, c.rejects.size());
    assertEquals("truncated_warc", c.rejects.get(0).getReason());
    assertTrue(c.rejects.get(0).getSourceUri().endsWith("#record=2"));
  }

  @Test
  void formatsAreSniffedFromBytesNotNames() {
    assertEquals("html", DocumentDecoder.sniffFormat("page.txt", utf8("<!doctype html><html><body>x")));
    assertEquals("warc", DocumentDecoder.sniffFormat("data.bin", utf8("WARC/1.0\r\n")));
    assertEquals("jsonl", DocumentDecoder.sniffFormat("dump.txt", utf8("{\"text\": \"x\"}")));
    assertEquals("text", DocumentDecoder.sniffFormat("a.html.txt", utf8("Title\n\nBody text here.")));
    assertEquals("html", DocumentDecoder.sniffFormat("x", utf8("<div><p>a</p><p>b</p><p>c</p><br><span>")));
  }

  @Test
  void gzippedTextIsDecoded() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(utf8("Title line\n\nSome body text."));
    }
    Collect c = decode("a.txt.gz", out.toByteArray());
    assertEquals(1, c.docs.size());
    assertEquals("text+gzip", c.docs.get(0).getFormat());
    assertEquals("Title line\n\nSome body text.", c.docs.get(0).getContent());
  }

  @Test
  void jsonLinesGiveOneRecordPerLineAndRejectBrokenOnes() {
    String lines = "{\"text\": \"good one\", \"url\": \"https://a.example.com/x\"}\n"
        + "{not json}\n\n\"just a string\"\n{\"title\": \"no body\"}\n{\"html\": \"<p>page</p>\"}";
    Collect c = decode("f.jsonl", utf8(lines));
    assertEquals(2, c.docs.size());
    assertEquals("html", c.docs.get(1).getContentType());
    assertEquals(List.of("malformed_json", "malformed_json", "no_text_field"),
        c.rejects.stream().map(Reject::getReason).toList());
    assertTrue(c.rejects.get(0).getSourceUri().endsWith("#line=2"));
  }

  @Test
  void badBytesBecomeRejectsWithReasons() {
    assertEquals("empty", decode("e.txt", new byte[0]).rejects.get(0).getReason());
    assertEquals("empty", decode("e.txt", utf8(" \n\t ")).rejects.get(0).getReason());
    assertEquals("binary", decode("x.pdf", utf8("%PDF-1.7 ....")).rejects.get(0).getReason());
    byte[] nul = utf8("Some text with a NUL here");
    nul[5] = 0;
    assertEquals("binary", decode("n.txt", nul).rejects.get(0).getReason());
    byte[] bad = {'A', 'b', (byte) 0xC3, (byte) 0x28, (byte) 0xE2, (byte) 0x82, 'x', (byte) 0xF0, (byte) 0x9F,
        (byte) 0x81, (byte) 0x81, (byte) 0x81};
    assertEquals("undecodable", decode("u.txt", bad).rejects.get(0).getReason());
    assertEquals("too_large", decode("big.txt", utf8("x".repeat(1_000_001))).rejects.get(0).getReason());
    byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
    assertEquals("truncated_gzip", decode("t.gz", gz).rejects.get(0).getReason());
  }
}
