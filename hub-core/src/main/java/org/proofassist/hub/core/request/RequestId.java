package org.proofassist.hub.core.request;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import org.proofassist.hub.core.common.InvalidValueException;

/** A verification request's identifier: {@code VR-} and 20 Crockford base-32 characters. */
public record RequestId(@JsonValue String value) {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public RequestId {
    if (value == null || !value.matches("VR-[0-9A-HJKMNP-TV-Z]{20}")) {
      throw new InvalidValueException(
          "REQUEST_ID_FORMAT", "a request id is VR- followed by 20 base-32 characters");
    }
  }

  public static RequestId of(String value) {
    return new RequestId(value);
  }

  /** A fresh random id. */
  public static RequestId random() {
    byte[] bytes = new byte[13];
    RANDOM.nextBytes(bytes);
    return fromBytes(bytes);
  }

  /**
   * The id derived from a digest (at least 13 bytes), so that the same idempotency key from the
   * same department always names the same request.
   */
  public static RequestId fromBytes(byte[] digest) {
    if (digest.length < 13) {
      throw new IllegalArgumentException("need at least 100 bits");
    }
    StringBuilder id = new StringBuilder("VR-");
    long buffer = 0;
    int bits = 0;
    int index = 0;
    while (id.length() < 23) {
      if (bits < 5) {
        buffer = (buffer << 8) | (digest[index++] & 0xff);
        bits += 8;
      }
      id.append(ALPHABET.charAt((int) ((buffer >> (bits - 5)) & 31)));
      bits -= 5;
    }
    return new RequestId(id.toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
