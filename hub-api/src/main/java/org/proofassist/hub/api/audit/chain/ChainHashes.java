package org.proofassist.hub.api.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes of the audit chain: SHA-256, written as 64 lower-case hex digits.
 *
 * <pre>
 * eventHash(n) = SHA-256(canonical form of the n-th stored event, UTF-8)
 * entryHash(n) = SHA-256(entryHash(n-1) || eventHash(n))     (the 32-byte values, concatenated)
 * entryHash(-1) = 32 zero bytes
 * </pre>
 *
 * <p>Each entry thus fixes every entry before it: changing one stored event changes its event hash
 * and every entry hash from it on, up to the head that a signed checkpoint names.
 */
public final class ChainHashes {

  /** The entry hash before the first entry: 32 zero bytes. */
  public static final String GENESIS = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private ChainHashes() {}

  /** SHA-256 of the bytes, lower-case hex. */
  public static String sha256(byte[] bytes) {
    return HEX.formatHex(digest().digest(bytes));
  }

  /** The entry hash that follows {@code previousEntryHash} for an event of {@code eventHash}. */
  public static String link(String previousEntryHash, String eventHash) {
    MessageDigest digest = digest();
    digest.update(bytesOf(previousEntryHash));
    digest.update(bytesOf(eventHash));
    return HEX.formatHex(digest.digest());
  }

  /** Whether the text is a hash as the chain writes it: 64 lower-case hex digits. */
  public static boolean isHash(String text) {
    return text != null && text.length() == 64 && text.chars().allMatch(ChainHashes::isLowerHex);
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static byte[] bytesOf(String hash) {
    if (!isHash(hash)) {
      throw new IllegalArgumentException("not a SHA-256 hash in lower-case hex: " + hash);
    }
    return HEX.parseHex(hash);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
