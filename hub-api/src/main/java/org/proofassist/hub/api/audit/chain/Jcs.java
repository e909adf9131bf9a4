package org.proofassist.hub.api.audit.chain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the flat JSON objects the audit chain hashes in the RFC 8785 (JCS) canonical form: keys
 * sorted by UTF-16 code units, no whitespace, strings with the ECMAScript escapes ({@code \b \t \n
 * \f \r \" \\} short, other control characters as {@code \}{@code u00xx}, everything else as is),
 * integers as plain decimal numbers, {@code null} written out, UTF-8.
 *
 * <p>Written by hand on purpose: the bytes must not depend on a JSON library's settings, and any
 * JCS implementation in any language reproduces them.
 */
final class Jcs {

  /** The largest integer JCS (IEEE 754 doubles) writes exactly. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private Jcs() {}

  /**
   * The canonical bytes of a flat object whose values are strings, integers ({@link Long} or {@link
   * Integer}) or {@code null}.
   */
  static byte[] bytes(Map<String, ?> fields) {
    SortedMap<String, Object> sorted = new TreeMap<>(Jcs::compareUtf16);
    sorted.putAll(fields);
    StringBuilder json = new StringBuilder(256).append('{');
    boolean first = true;
    for (Map.Entry<String, Object> field : sorted.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, field.getKey());
      json.append(':');
      value(json, field.getValue());
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void value(StringBuilder json, Object value) {
    if (value == null) {
      json.append("null");
    } else if (value instanceof String text) {
      string(json, text);
    } else if (value instanceof Long || value instanceof Integer) {
      long number = ((Number) value).longValue();
      if (Math.abs(number) > MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException(number + " is beyond the integers JSON keeps exactly");
      }
      json.append(number);
    } else {
      throw new IllegalArgumentException("no canonical form for " + value.getClass());
    }
  }

  private static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\t' -> json.append("\\t");
        case '\n' -> json.append("\\n");
        case '\f' -> json.append("\\f");
        case '\r' -> json.append("\\r");
        default -> {
          if (c < 0x20 || (Character.isSurrogate(c) && !pairedAt(text, i))) {
            // Control characters as JCS has them; a lone surrogate (invalid in JCS, which UTF-8
            // could not carry) escaped the same way so that no two strings share a form.
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)) {
            json.append(c).append(text.charAt(++i));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static boolean pairedAt(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  /** RFC 8785 orders keys by their UTF-16 code units, which is {@link String#compareTo}. */
  private static int compareUtf16(String a, String b) {
    return a.compareTo(b);
  }
}
