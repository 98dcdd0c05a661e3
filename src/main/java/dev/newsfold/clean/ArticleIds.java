package dev.newsfold.clean;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Content-derived, stable identifiers: the same input gives the same ids on every run and runner. */
public final class ArticleIds {

  private ArticleIds() {}

  /** Hash of the normalised body (case, punctuation and spacing ignored): equal for exact copies. */
  public static String contentHash(String text) {
    return sha256Hex(LineShape.key(text), 32);
  }

  /**
   * Article id from the content hash, the title, and the input's file name plus record index. The file name (not its
   * directory) keeps ids stable when a folder moves or the job runs on a cluster path, while two identical copies
   * stored as different files still get distinct ids.
   */
  public static String articleId(String contentHash, String title, String sourceUri) {
    String name = sourceUri;
    int hash = name.indexOf('#');
    String record = hash >= 0 ? name.substring(hash) : "";
    String path = hash >= 0 ? name.substring(0, hash) : name;
    int slash = path.lastIndexOf('/');
    String file = slash >= 0 ? path.substring(slash + 1) : path;
    return sha256Hex(contentHash + "\u0001" + (title == null ? "" : LineShape.key(title)) + "\u0001" + file + record,
        16);
  }

  public static String sha256Hex(String s, int hexChars) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder(hexChars);
      for (int i = 0; out.length() < hexChars; i++) {
        out.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
