package org.proofassist.hub.api.problem;

/** A request body is larger than the hub accepts; answered with 413. */
public class BodyTooLargeException extends RuntimeException {

  public BodyTooLargeException(long limit) {
    super("request bodies are limited to " + limit + " bytes");
  }
}
