package dev.newsfold.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns bytes into text without guessing wrong: a BOM or a declared charset wins, otherwise strict UTF-8, and only
 * plausible Western text falls back to windows-1252. Anything else is undecodable, so it becomes a reject instead of
 * mojibake in the articles table.
 */
public final class TextDecoding {

  /** Thrown when bytes cannot be decoded; the message says why. */
  public static final class UndecodableException extends Exception {
    public UndecodableException(String message) {
      super(message);
    }
  }

  /** Decoded text and the charset that produced it. */
  public record Decoded(String text, String charset) {}

  private static final Pattern META_CHARSET =
      Pattern.compile("<meta[^>]{0,200}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]{2,40})", Pattern.CASE_INSENSITIVE);
  private static final Pattern XML_ENCODING =
      Pattern.compile("<\\?xml[^>]{0,100}encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{2,40})", Pattern.CASE_INSENSITIVE);

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  /** Non-ASCII characters that real windows-1252 news text uses; anything else means the guess is wrong. */
  private static final String PLAUSIBLE_1252 = "‘’‚“”„–—…•€™°£¥©®§¶·«»¡¿";

  private TextDecoding() {}

  /** Charset named in an HTML meta tag or XML declaration within the first 4 KB, or null. */
  public static String declaredInMarkup(byte[] bytes, int length) {
    String head = new String(bytes, 0, Math.min(length, 4096), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    if (m.find()) {
      return m.group(1);
    }
    m = XML_ENCODING.matcher(head);
    return m.find() ? m.group(1) : null;
  }

  /** Charset parameter of a Content-Type header value, or null. */
  public static String fromContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = Pattern.compile("charset\\s*=\\s*\"?([A-Za-z0-9._:-]{2,40})", Pattern.CASE_INSENSITIVE)
        .matcher(contentType);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Decodes {@code bytes[0..length)}. Order: byte-order mark, then the declared charset (if Java knows it), then
   * strict UTF-8, then windows-1252 when the result looks like Western text.
   */
  public static Decoded decode(byte[] bytes, int length, String declared) throws UndecodableException {
    if (length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
      return new Decoded(strict(bytes, 3, length - 3, StandardCharsets.UTF_8), "UTF-8");
    }
    if (length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
      return new Decoded(strict(bytes, 2, length - 2, StandardCharsets.UTF_16LE), "UTF-16LE");
    }
    if (length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
      return new Decoded(strict(bytes, 2, length - 2, StandardCharsets.UTF_16BE), "UTF-16BE");
    }
    Charset charset = lookup(declared);
    if (charset != null) {
      // Pages often declare iso-8859-1 but are really windows-1252 (browsers treat them the same).
      if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)) {
        charset = WINDOWS_1252;
      }
      // A page declaring Latin-1 that is valid UTF-8 is almost always UTF-8 in practice.
      if (charset.equals(WINDOWS_1252) && isValidUtf8(bytes, length)) {
        charset = StandardCharsets.UTF_8;
      }
      return new Decoded(strict(bytes, 0, length, charset), charset.name());
    }
    try {
      return new Decoded(strict(bytes, 0, length, StandardCharsets.UTF_8), "UTF-8");
    } catch (UndecodableException notUtf8) {
      String text = lenient1252(bytes, length);
      if (text == null) {
        throw new UndecodableException("not valid UTF-8 and no charset declared; bytes do not look like windows-1252"
            + " text either (" + notUtf8.getMessage() + ")");
      }
      return new Decoded(text, "windows-1252");
    }
  }

  static boolean isValidUtf8(byte[] bytes, int length) {
    try {
      strict(bytes, 0, length, StandardCharsets.UTF_8);
      return true;
    } catch (UndecodableException e) {
      return false;
    }
  }

  private static Charset lookup(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return Charset.forName(name.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static String strict(byte[] bytes, int offset, int length, Charset charset) throws UndecodableException {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new UndecodableException("invalid " + charset.name() + " byte sequence: " + e.getMessage());
    }
  }

  /**
   * windows-1252 only when few bytes are non-ASCII, none of them form UTF-8 sequences (that would be a file mixing
   * encodings, which decodes to mojibake either way), and each decodes to a Latin letter or common punctuation.
   */
  private static String lenient1252(byte[] bytes, int length) {
    if (hasUtf8Sequence(bytes, length)) {
      return null;
    }
    int high = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] < 0) {
        high++;
      }
    }
    if (high > Math.max(4, length / 20)) {
      return null;
    }
    String text;
    try {
      text = strict(bytes, 0, length, WINDOWS_1252);
    } catch (UndecodableException e) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        continue;
      }
      boolean latinLetter = c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7;
      if (!latinLetter && PLAUSIBLE_1252.indexOf(c) < 0 && c != 0xA0) {
        return null;
      }
    }
    return text;
  }

  /** True when the bytes hold at least one well-formed multi-byte UTF-8 sequence. */
  static boolean hasUtf8Sequence(byte[] b, int length) {
    for (int i = 0; i < length - 1; i++) {
      int lead = b[i] & 0xff;
      int need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4
          ? 3 : 0;
      if (need == 0) {
        continue;
      }
      boolean ok = i + need < length;
      for (int k = 1; ok && k <= need; k++) {
        ok = (b[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }
}
