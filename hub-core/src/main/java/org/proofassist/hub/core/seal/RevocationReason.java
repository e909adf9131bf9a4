package org.proofassist.hub.core.seal;

/**
 * Why a seal certificate was revoked, with the reason code a certificate revocation list carries
 * for it (RFC 5280, section 5.3.1).
 */
public enum RevocationReason {
  /** No reason given. */
  UNSPECIFIED(0),
  /** The seal key was lost, stolen or disclosed. */
  KEY_COMPROMISE(1),
  /** The department changed its name or jurisdiction, so the certificate no longer describes it. */
  AFFILIATION_CHANGED(3),
  /** A new seal replaced this one. */
  SUPERSEDED(4),
  /** The department no longer issues proofs. */
  CESSATION_OF_OPERATION(5);

  private final int crlCode;

  RevocationReason(int crlCode) {
    this.crlCode = crlCode;
  }

  /** The {@code CRLReason} code of RFC 5280. */
  public int crlCode() {
    return crlCode;
  }
}
