package org.proofassist.hub.api.seal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.proofassist.hub.core.seal.ReplyContent;

/**
 * The canonical JSON form of a reply, the exact bytes a seal covers (RFC 8785 style): object keys
 * sorted by UTF-16 code units, no whitespace between tokens, UTF-8, instants as ISO-8601 strings
 * ({@code 2026-11-23T09:30:00Z}), value objects as their bare strings, absent fields left out.
 *
 * <pre>{@code
 * {"facts":{...},"issuedAt":"...","issuingDepartment":"...","matter":{"caseNumber":"...",
 *  "code":"..."},"officer":"...","outcome":"CONFIRMED","proofType":"...","question":"...",
 *  "requestId":"VR-...","statement":"...","subject":{"address":"...","householdDivision":"...",
 *  "idNumber":"...","name":"...","otherIdNumbers":[...]}}
 * }</pre>
 *
 * <p>The mapper is private to this class on purpose: the application's mapper may change with its
 * configuration, a seal's bytes must not.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(new JsonFactoryBuilder().characterEscapes(new JcsEscapes()).build())
          .addModule(new JavaTimeModule())
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of the content. */
  public static byte[] bytes(ReplyContent content) {
    try {
      return MAPPER.writeValueAsBytes(content);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a reply cannot be written as JSON", e);
    }
  }

  /** SHA-256 of the given bytes, lower-case hex: the content digest of a stamped reply. */
  public static String digest(byte[] canonical) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * String escapes as RFC 8785 (ECMAScript) has them: {@code \b \t \n \f \r \" \\} in short form,
   * other control characters as {@code \}{@code u00xx} with lower-case hex, everything else as is.
   */
  private static final class JcsEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] escapes;

    JcsEscapes() {
      escapes = standardAsciiEscapesForJSON();
      for (int c = 0; c < 0x20; c++) {
        if (escapes[c] == ESCAPE_STANDARD) {
          escapes[c] = ESCAPE_CUSTOM;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      // Asked for ASCII marked custom and, by the UTF-8 writer, for every non-ASCII character.
      return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
