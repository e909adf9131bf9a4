package org.proofassist.hub.core.routing;

/** No department in the directory can answer a request as asked. */
public class RoutingImpossibleException extends RuntimeException {

  private final String field;

  public RoutingImpossibleException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * The request field whose value could not be routed, such as {@code subject.householdDivision}.
   */
  public String field() {
    return field;
  }
}
