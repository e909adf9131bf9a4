package org.proofassist.hub.api.problem;

/** Nothing the caller may see is at this address; answered with 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
