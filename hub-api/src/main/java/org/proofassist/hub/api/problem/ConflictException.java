package org.proofassist.hub.api.problem;

/** The call conflicts with what is already recorded; answered with 409. */
public class ConflictException extends RuntimeException {

  private final String code;
  private final String field;

  public ConflictException(String code, String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
