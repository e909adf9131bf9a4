package org.proofassist.hub.api.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own audit key, which signs the checkpoints of the audit chain: an ECDSA P-256 key and a
 * certificate issued by the development CA, kept as PKCS#12 in {@code <data-dir>/pki/audit.p12}
 * (alias {@value #ALIAS}, the seal password) and created at first start as the seals are. The
 * certificate's extended key usage ({@link CheckpointSignatures#AUDIT_SIGNING}) marks it as the one
 * certificate that may sign checkpoints. It is issued again when it has expired or the CA changed.
 */
public final class AuditKey {

  /** The key store's file name in the CA's directory. */
  public static final String STORE = "audit.p12";

  /** The key entry's alias. */
  public static final String ALIAS = "audit";

  private static final Logger log = LoggerFactory.getLogger(AuditKey.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration BACKDATING = Duration.ofDays(1);

  private final PrivateKey key;
  private final List<X509Certificate> chain;

  private AuditKey(PrivateKey key, List<X509Certificate> chain) {
    this.key = key;
    this.chain = List.copyOf(chain);
  }

  /**
   * Opens the audit key kept beside the development CA, issuing a new one from the CA when there is
   * none or the one there is no longer usable.
   *
   * @param authority the development CA; its key (in {@code ca.p12}) issues the audit certificate
   * @param password the password of the CA's and the audit key's stores
   */
  public static AuditKey openOrCreate(
      DevelopmentSealAuthority authority, char[] password, Clock clock) {
    Objects.requireNonNull(authority, "authority");
    Path directory = authority.trustAnchorFile().getParent();
    Path store = directory.resolve(STORE);
    X509Certificate ca = authority.trustAnchor();
    if (Files.exists(store)) {
      KeyStore keyStore = read(store, password);
      try {
        PrivateKey key = (PrivateKey) keyStore.getKey(ALIAS, password);
        Certificate[] chain = keyStore.getCertificateChain(ALIAS);
        if (key != null
            && chain != null
            && chain.length > 0
            && chain[0] instanceof X509Certificate certificate
            && usable(certificate, ca, clock.instant())) {
          return new AuditKey(key, List.of(certificate, ca));
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot read the audit key in " + store, e);
      }
      log.info(
          "The audit certificate in {} is expired or from another CA: issuing a new one", store);
    }
    return issue(directory, store, password, ca, clock, authority.crlUrl());
  }

  /** The audit certificate, then the CA certificate. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The CA certificate the audit certificate chains to. */
  public X509Certificate trustAnchor() {
    return chain.get(chain.size() - 1);
  }

  /** Signs a checkpoint of a chain of {@code chainSize} entries ending in {@code head}. */
  public Checkpoint sign(long chainSize, String head, long position, Instant signedAt) {
    return CheckpointSignatures.sign(chainSize, head, position, signedAt, key, chain);
  }

  private static boolean usable(X509Certificate certificate, X509Certificate ca, Instant now) {
    try {
      certificate.checkValidity(Date.from(now));
      certificate.verify(ca.getPublicKey());
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages != null && usages.contains(CheckpointSignatures.AUDIT_SIGNING);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static AuditKey issue(
      Path directory, Path store, char[] password, X509Certificate ca, Clock clock, URI crlUrl) {
    PrivateKey caKey = caKey(directory.resolve(DevelopmentSealAuthority.CA_STORE), password);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair keys = generator.generateKeyPair();
      Instant notBefore = clock.instant().minus(BACKDATING);
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.C, "CN")
              .addRDN(BCStyle.O, "Proof Assist Hub")
              .addRDN(BCStyle.CN, "Proof Assist Hub Audit Log")
              .build();
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      GeneralNames crl =
          new GeneralNames(
              new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl.toString()));
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  ca,
                  new BigInteger(128, RANDOM).setBit(127),
                  Date.from(notBefore),
                  ca.getNotAfter(),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
              .addExtension(
                  Extension.extendedKeyUsage,
                  true,
                  new ExtendedKeyUsage(
                      KeyPurposeId.getInstance(
                          new ASN1ObjectIdentifier(CheckpointSignatures.AUDIT_SIGNING))))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keys.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(ca))
              .addExtension(
                  Extension.cRLDistributionPoints,
                  false,
                  new CRLDistPoint(
                      new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(crl), null, null)
                      }));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {certificate, ca});
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      keyStore.store(bytes, password);
      DevelopmentSealAuthority.writeAtomically(store, bytes.toByteArray());
      log.info(
          "Issued the audit certificate {} (serial {})",
          certificate.getSubjectX500Principal().getName(),
          certificate.getSerialNumber().toString(16));
      return new AuditKey(keys.getPrivate(), List.of(certificate, ca));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue the audit certificate", e);
    }
  }

  private static PrivateKey caKey(Path caStore, char[] password) {
    KeyStore keyStore = read(caStore, password);
    try {
      PrivateKey key = (PrivateKey) keyStore.getKey(DevelopmentSealAuthority.CA_ALIAS, password);
      if (key == null) {
        throw new IllegalStateException(
            caStore + " holds no entry '" + DevelopmentSealAuthority.CA_ALIAS + "'");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the CA key in " + caStore, e);
    }
  }

  private static KeyStore read(Path store, char[] password) {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, password);
      return keyStore;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + store + " (is the password the one it was created with?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + store, e);
    }
  }
}
