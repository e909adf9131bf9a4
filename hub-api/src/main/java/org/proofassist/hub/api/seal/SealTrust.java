package org.proofassist.hub.api.seal;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a seal is checked against: the trust anchors (the hub CA's certificate) and the latest
 * certificate revocation list, handed to the EU DSS library as a {@link CommonCertificateVerifier}.
 * No network access is made: revocation comes from the CRL given here.
 */
public final class SealTrust {

  private final List<X509Certificate> anchors;
  private final Supplier<Optional<X509CRL>> revocations;

  /**
   * @param anchors the CA certificates whose seals are trusted; at least one
   * @param revocations the current CRL, when one is known
   */
  public SealTrust(List<X509Certificate> anchors, Supplier<Optional<X509CRL>> revocations) {
    this.anchors = List.copyOf(anchors);
    this.revocations = revocations;
    if (this.anchors.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor is needed");
    }
  }

  /** Trust only the anchors, with no revocation data (a verifier offline, without a CRL). */
  public static SealTrust withoutRevocationData(List<X509Certificate> anchors) {
    return new SealTrust(anchors, Optional::empty);
  }

  public List<X509Certificate> anchors() {
    return anchors;
  }

  /** The current CRL, if one is known. */
  public Optional<X509CRL> crl() {
    return revocations.get();
  }

  /** A new DSS certificate verifier over the anchors and the current CRL. */
  public CommonCertificateVerifier certificateVerifier() {
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    anchors.forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
    verifier.setTrustedCertSources(trusted);
    Optional<X509CRL> crl = revocations.get();
    if (crl.isPresent()) {
      try {
        verifier.setCrlSource(
            new ExternalResourcesCRLSource(new InMemoryDocument(crl.get().getEncoded())));
      } catch (CRLException e) {
        throw new IllegalStateException("the CRL cannot be encoded", e);
      }
    } else {
      // Without a CRL the report says the revocation status is unknown; that is for the report to
      // say, not a reason to stop.
      verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
    }
    return verifier;
  }
}
