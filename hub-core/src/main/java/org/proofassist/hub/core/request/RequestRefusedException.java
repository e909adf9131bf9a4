package org.proofassist.hub.core.request;

/**
 * The request aggregate refused a command. Nothing was recorded.
 *
 * <p>The {@link Kind} says what sort of refusal it is so that the API can answer with the fitting
 * status; the {@code code} is stable for clients; {@code field} names the input at fault, if one
 * is.
 */
public class RequestRefusedException extends RuntimeException {

  /** The sort of refusal. */
  public enum Kind {
    /** The request is not in a state that allows the command. */
    STATE,
    /** The actor may not give this command on this request. */
    PERMISSION,
    /** The command's content breaks a rule. */
    CONTENT
  }

  private final Kind kind;
  private final String code;
  private final String field;

  public RequestRefusedException(Kind kind, String code, String message, String field) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.field = field;
  }

  public static RequestRefusedException state(String code, String message) {
    return new RequestRefusedException(Kind.STATE, code, message, null);
  }

  public static RequestRefusedException permission(String code, String message) {
    return new RequestRefusedException(Kind.PERMISSION, code, message, null);
  }

  public static RequestRefusedException content(String code, String field, String message) {
    return new RequestRefusedException(Kind.CONTENT, code, message, field);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
