package org.proofassist.hub.api.seal.pdf;

import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A small PKI for tests: an EC P-256 CA, a department's seal certificate under it (naming the
 * department in {@code organizationIdentifier}) and a time-stamping authority, all valid from an
 * hour ago for a year.
 */
final class TestPki {

  private static final ASN1ObjectIdentifier ORGANIZATION_IDENTIFIER =
      new ASN1ObjectIdentifier("2.5.4.97");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final SealKey seal;
  private final KeyPair tsaKeys;
  private final X509Certificate tsa;

  private TestPki(
      KeyPair caKeys, X509Certificate ca, SealKey seal, KeyPair tsaKeys, X509Certificate tsa) {
    this.caKeys = caKeys;
    this.ca = ca;
    this.seal = seal;
    this.tsaKeys = tsaKeys;
    this.tsa = tsa;
  }

  /** A CA, a TSA and the seal of one department, issued now. */
  static TestPki forDepartment(DepartmentId department, String departmentName) {
    try {
      Instant now = Instant.now();
      KeyPair caKeys = ecKeys();
      X500Name caName = new X500Name("CN=Test Seal CA,O=Proof Assist Hub Tests,C=CN");
      X509Certificate ca =
          certificate(
              caName,
              caName,
              caKeys.getPublic(),
              caKeys,
              null,
              now,
              builder -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
              });

      KeyPair sealKeys = ecKeys();
      X500Name sealName =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.C, "CN")
              .addRDN(BCStyle.O, departmentName)
              .addRDN(ORGANIZATION_IDENTIFIER, department.value())
              .addRDN(BCStyle.CN, departmentName + "电子公章")
              .build();
      X509Certificate sealCertificate =
          certificate(
              caName,
              sealName,
              sealKeys.getPublic(),
              caKeys,
              ca,
              now,
              builder ->
                  builder.addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)));

      KeyPair tsaKeys = ecKeys();
      X509Certificate tsa =
          certificate(
              caName,
              new X500Name("CN=Test Time-Stamping Authority,O=Proof Assist Hub Tests,C=CN"),
              tsaKeys.getPublic(),
              caKeys,
              ca,
              now,
              builder -> {
                builder.addExtension(
                    Extension.extendedKeyUsage,
                    true,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                builder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
              });

      SealKey seal = new SealKey(department, sealKeys.getPrivate(), List.of(sealCertificate, ca));
      return new TestPki(caKeys, ca, seal, tsaKeys, tsa);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the test PKI", e);
    }
  }

  X509Certificate ca() {
    return ca;
  }

  SealKey seal() {
    return seal;
  }

  X509Certificate tsaCertificate() {
    return tsa;
  }

  /** A time-stamp source that signs with the TSA key, stamping the current time. */
  KeyEntityTSPSource timestamps() {
    KeyEntityTSPSource source = new KeyEntityTSPSource(tsaKeys.getPrivate(), tsa, List.of(tsa, ca));
    source.setTsaPolicy("1.3.6.1.4.1.59999.1.1");
    return source;
  }

  /** A CRL from the CA that revokes nothing, issued now and valid for a week. */
  byte[] emptyCrl() {
    try {
      Instant now = Instant.now();
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(
              X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), Date.from(now));
      builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
      X509CRLHolder crl = builder.build(signer(caKeys.getPrivate()));
      return crl.getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue the test CRL", e);
    }
  }

  private interface Extensions {
    void addTo(X509v3CertificateBuilder builder) throws IOException;
  }

  private static X509Certificate certificate(
      X500Name issuer,
      X500Name subject,
      PublicKey subjectKey,
      KeyPair issuerKeys,
      X509Certificate issuerCertificate,
      Instant now,
      Extensions extensions)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(64, RANDOM).setBit(63),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            subjectKey);
    JcaX509ExtensionUtils utilities = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utilities.createSubjectKeyIdentifier(subjectKey));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        issuerCertificate == null
            ? utilities.createAuthorityKeyIdentifier(subjectKey)
            : utilities.createAuthorityKeyIdentifier(issuerCertificate));
    extensions.addTo(builder);
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(signer(issuerKeys.getPrivate())));
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }
}
