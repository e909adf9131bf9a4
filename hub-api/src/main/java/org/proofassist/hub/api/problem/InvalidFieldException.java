package org.proofassist.hub.api.problem;

/** A request body field holds a value the hub refuses; answered with 400 naming the field. */
public class InvalidFieldException extends RuntimeException {

  private final String field;
  private final String code;

  public InvalidFieldException(String field, String code, String message) {
    super(message);
    this.field = field;
    this.code = code;
  }

  public String field() {
    return field;
  }

  public String code() {
    return code;
  }
}
