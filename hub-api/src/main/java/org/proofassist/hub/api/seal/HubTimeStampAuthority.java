package org.proofassist.hub.api.seal;

import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The hub's own time-stamping authority (RFC 3161): it countersigns every seal with the time it was
 * made, so a seal stays provably made while its certificate was valid and not revoked, even after
 * the certificate expires or is revoked. Its certificate is issued by the hub's CA with the
 * critical extended key usage {@code timeStamping}.
 */
public final class HubTimeStampAuthority extends KeyEntityTSPSource {

  /** The TSA policy named in every token: the hub's private arc, policy 1. */
  public static final String POLICY = "1.3.6.1.4.1.61234.1.1";

  private static final long serialVersionUID = 1L;

  private final transient Clock clock;

  /**
   * @param key the authority's private key
   * @param chain its certificate first, then up to the CA
   * @param clock the time written into tokens
   */
  public HubTimeStampAuthority(PrivateKey key, List<X509Certificate> chain, Clock clock) {
    super(key, chain.get(0), chain);
    this.clock = Objects.requireNonNull(clock, "clock");
    setTsaPolicy(POLICY);
  }

  @Override
  protected Date getProductionTime() {
    return Date.from(clock.instant());
  }
}
