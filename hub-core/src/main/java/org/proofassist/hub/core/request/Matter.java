package org.proofassist.hub.core.request;

import org.proofassist.hub.core.common.InvalidValueException;

/**
 * The administrative matter at the approving window that needs the proof.
 *
 * @param code the matter's code in the approving department's catalogue
 * @param caseNumber the window's case number
 */
public record Matter(String code, String caseNumber) {

  public Matter {
    if (code == null || code.isBlank()) {
      throw new InvalidValueException("MATTER_CODE_MISSING", "the matter code is required");
    }
    if (code.length() > 64 || (caseNumber != null && caseNumber.length() > 64)) {
      throw new InvalidValueException(
          "MATTER_TOO_LONG", "matter fields have at most 64 characters");
    }
  }
}
