package org.proofassist.hub.core.common;

/**
 * A value object refused its input. The message says what is wrong in the words a clerk would
 * understand; the API adds the name of the field the value came from.
 */
public class InvalidValueException extends IllegalArgumentException {

  private final String code;

  public InvalidValueException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A stable, machine-readable code such as {@code ID_NUMBER_CHECK_DIGIT}. */
  public String code() {
    return code;
  }
}
