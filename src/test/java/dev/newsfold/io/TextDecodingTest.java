package dev.newsfold.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecodingTest {

  static TextDecoding.Decoded decode(byte[] b, String declared) throws Exception {
    return TextDecoding.decode(b, b.length, declared);
  }

  @Test
  void bomWins() throws Exception {
    byte[] utf16 = "\uFEFFHéllo".getBytes(StandardCharsets.UTF_16LE);
    assertEquals("Héllo", decode(utf16, "utf-8").text());
    byte[] utf8bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'};
    assertEquals("hi", decode(utf8bom, null).text());
  }

  @Test
  void declaredCharsetIsUsedStrictly() throws Exception {
    byte[] sjis = "東京のニュース".getBytes(Charset.forName("Shift_JIS"));
    assertEquals("東京のニュース", decode(sjis, "Shift_JIS").text());
    byte[] html = "<meta charset=\"windows-1252\"><p>caf\u00e9</p>".getBytes(Charset.forName("windows-1252"));
    assertEquals("windows-1252", TextDecoding.declaredInMarkup(html, html.length));
    assertEquals("iso-8859-1", TextDecoding.fromContentType("text/html; charset=iso-8859-1"));
  }

  @Test
  void undeclaredWesternTextFallsBackTo1252() throws Exception {
    byte[] b = "“Quoted” café text – with dashes".getBytes(Charset.forName("windows-1252"));
    TextDecoding.Decoded d = decode(b, null);
    assertEquals("windows-1252", d.charset());
    assertEquals("“Quoted” café text – with dashes", d.text());
  }

  @Test
  void undeclaredForeignBytesAreRejectedNotMangled() {
    byte[] sjis = "ニュース速報：河川の氾濫で住民が避難".getBytes(Charset.forName("Shift_JIS"));
    assertThrows(TextDecoding.UndecodableException.class, () -> decode(sjis, null));
    byte[] badDeclared = {(byte) 0xC3, (byte) 0x28, 'a'};
    assertThrows(TextDecoding.UndecodableException.class, () -> decode(badDeclared, "utf-8"));
  }

  @Test
  void mixedEncodingsAreRejected() {
    byte[] utf8 = "“Quoted” in UTF-8, ".getBytes(StandardCharsets.UTF_8);
    byte[] cp1252 = "then “quoted” in windows-1252".getBytes(Charset.forName("windows-1252"));
    byte[] mixed = new byte[utf8.length + cp1252.length];
    System.arraycopy(utf8, 0, mixed, 0, utf8.length);
    System.arraycopy(cp1252, 0, mixed, utf8.length, cp1252.length);
    assertThrows(TextDecoding.UndecodableException.class, () -> decode(mixed, null));
  }
}
