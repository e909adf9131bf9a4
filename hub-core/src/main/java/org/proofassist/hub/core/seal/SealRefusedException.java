package org.proofassist.hub.core.seal;

/** A seal command that the seal's history does not allow. */
public class SealRefusedException extends RuntimeException {

  private final String code;

  public SealRefusedException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A stable code for clients, e.g. {@code seal.certificate-unknown}. */
  public String code() {
    return code;
  }
}
