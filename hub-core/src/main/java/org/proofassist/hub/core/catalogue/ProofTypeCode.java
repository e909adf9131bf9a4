package org.proofassist.hub.core.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.proofassist.hub.core.common.InvalidValueException;

/** The code of a proof type in the catalogue, such as {@code SAME_PERSON}. */
public record ProofTypeCode(@JsonValue String value) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public ProofTypeCode {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("PROOF_TYPE_MISSING", "a proof type is required");
    }
    if (value.length() > 64 || !value.matches("[A-Z][A-Z0-9_]*")) {
      throw new InvalidValueException(
          "PROOF_TYPE_FORMAT", "a proof type code is upper-case letters, digits and '_'");
    }
  }

  public static ProofTypeCode of(String value) {
    return new ProofTypeCode(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
