package org.proofassist.hub.api.seal;

import static java.util.stream.Collectors.toSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JWSObject;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.proofassist.hub.api.seal.SealVerification.CertificateInfo;
import org.proofassist.hub.api.seal.SealVerification.Validation;
import org.proofassist.hub.api.seal.SealVerification.Verdict;

/**
 * Checks a sealed reply with the EU DSS validator (ETSI EN 319 102-1) against the hub's {@link
 * SealTrust}, and says in plain terms what the validation report means: intact, altered, untrusted
 * certificate, certificate not valid at signing time, revoked, sealed by another department than
 * the reply names, undetermined, or not a sealed reply at all.
 *
 * <p>It reads JAdES replies (JSON or compact serialization) and PAdES-signed PDFs. Bad input never
 * throws: every failure is a {@link Verdict} with a reason.
 */
public final class SealVerifier {

  private static final String ORGANIZATION_IDENTIFIER = "2.5.4.97";
  private static final Map<String, String> NAME_KEYWORDS =
      Map.of(ORGANIZATION_IDENTIFIER, "organizationIdentifier");
  private static final ObjectMapper CONTENT_READER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final TypeReference<LinkedHashMap<String, Object>> CONTENT_TYPE =
      new TypeReference<>() {};

  /** DSS: the claimed signing time lies outside the signing certificate's validity. */
  private static final String SIGNING_TIME_OUT_OF_VALIDITY = "BBB_SAV_ISQPSTWSCVR_ANS";

  /** DSS: no (acceptable) revocation data for a certificate. */
  private static final Set<String> NO_REVOCATION_DATA =
      Set.of("BBB_XCV_IRDPFC_ANS", "BBB_XCV_IARDPFC_ANS");

  private final SealTrust trust;

  public SealVerifier(SealTrust trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  /** Checks a sealed reply given as text: a JAdES JWS in JSON or compact serialization. */
  public SealVerification verify(String sealed) {
    if (sealed == null || sealed.isBlank()) {
      return new Finding().malformed("there is nothing to check: the sealed reply is empty");
    }
    return verify(sealed.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** Checks a sealed reply given as bytes: a JAdES JWS or a PAdES-signed PDF. */
  public SealVerification verify(byte[] sealed) {
    return verify(sealed, false);
  }

  /**
   * Checks a sealed reply given as bytes.
   *
   * @param withReport whether to attach DSS's simple report (XML) to the finding
   */
  public SealVerification verify(byte[] sealed, boolean withReport) {
    if (sealed == null || sealed.length == 0) {
      return new Finding().malformed("there is nothing to check: the sealed reply is empty");
    }
    Optional<JWSObject> legacy =
        sealed[0] == 'e'
            ? LegacyJwsSeals.recognise(new String(sealed, StandardCharsets.UTF_8).strip())
            : Optional.empty();
    if (legacy.isPresent()) {
      return LegacyJwsSeals.verify(legacy.get(), trust);
    }
    boolean pdf = sealed.length > 4 && sealed[0] == '%' && sealed[1] == 'P';
    return pdf
        ? verifyParsed(sealed, withReport)
        : JadesStructureChecks.oneAtATime(() -> verifyParsed(sealed, withReport));
  }

  private SealVerification verifyParsed(byte[] sealed, boolean withReport) {
    SignedDocumentValidator validator;
    try {
      validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(sealed));
    } catch (RuntimeException e) {
      // DSS says "document format not recognized" with an unchecked exception.
      return new Finding().malformed("this is not a sealed reply (" + e.getMessage() + ")");
    }
    validator.setCertificateVerifier(trust.certificateVerifier());
    validator.setTokenExtractionStrategy(TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
    Reports reports;
    try {
      reports = validator.validateDocument();
    } catch (RuntimeException e) {
      return new Finding().malformed("the seal cannot be read (" + e.getMessage() + ")");
    }
    SimpleReport simple = reports.getSimpleReport();
    if (simple.getSignaturesCount() == 0) {
      return new Finding().malformed("the document carries no seal");
    }
    String id = simple.getFirstSignatureId();
    Finding finding = read(validator, reports, id);
    SealVerification verification = conclude(finding, simple, id);
    return withReport ? verification.withReport(reports.getXmlSimpleReport()) : verification;
  }

  private static Finding read(SignedDocumentValidator validator, Reports reports, String id) {
    Finding finding = new Finding();
    SimpleReport simple = reports.getSimpleReport();
    SignatureWrapper signature = reports.getDiagnosticData().getSignatureById(id);
    finding.validation =
        new Validation(
            String.valueOf(simple.getIndication(id)),
            simple.getSubIndication(id) == null ? null : simple.getSubIndication(id).name(),
            messages(simple.getAdESValidationErrors(id)),
            messages(simple.getAdESValidationWarnings(id)));
    finding.errorKeys =
        simple.getAdESValidationErrors(id).stream().map(Message::getKey).collect(toSet());
    SignatureLevel format = simple.getSignatureFormat(id);
    finding.format = format == null ? null : format.toString();
    if (signature != null) {
      Date claimed = signature.getClaimedSigningTime();
      finding.sealedAt = claimed == null ? null : claimed.toInstant();
      finding.timestampedAt =
          signature.getTimestampList().stream()
              .map(TimestampWrapper::getProductionTime)
              .filter(Objects::nonNull)
              .map(Date::toInstant)
              .min(Instant::compareTo)
              .orElse(null);
      CertificateWrapper signer = signature.getSigningCertificate();
      if (signer != null && signer.getBinaries() != null) {
        X509Certificate certificate = readCertificate(signer.getBinaries());
        if (certificate != null) {
          finding.certificate = infoOf(certificate);
          finding.department = departmentOf(certificate).orElse(null);
        }
      }
    }
    finding.content = originalJson(validator, id);
    return finding;
  }

  private static SealVerification conclude(Finding finding, SimpleReport simple, String id) {
    Indication indication = simple.getIndication(id);
    SubIndication sub = simple.getSubIndication(id);
    if (indication == Indication.TOTAL_PASSED || indication == Indication.PASSED) {
      if (finding.department == null) {
        return finding.conclude(
            Verdict.UNTRUSTED_CERTIFICATE, "the seal certificate does not name a department");
      }
      if (finding.content != null) {
        Object issuer = finding.content.get("issuingDepartment");
        if (!(issuer instanceof String issuingDepartment)) {
          return finding.conclude(
              Verdict.DEPARTMENT_MISMATCH, "the reply does not name its issuing department");
        }
        if (!issuingDepartment.equals(finding.department)) {
          return finding.conclude(
              Verdict.DEPARTMENT_MISMATCH,
              "the reply names "
                  + issuingDepartment
                  + " as its issuer but carries the seal of "
                  + finding.department);
        }
      }
      return finding.conclude(
          Verdict.INTACT,
          "the reply is exactly as "
              + finding.department
              + " sealed it"
              + (finding.sealedAt == null ? "" : " at " + finding.sealedAt));
    }
    if (sub == null) {
      return finding.conclude(
          Verdict.UNDETERMINED, "the validation ended " + indication + " without a reason");
    }
    switch (sub) {
      case HASH_FAILURE, SIG_CRYPTO_FAILURE:
        return finding.conclude(
            Verdict.ALTERED,
            "the signature does not match: the reply was changed after it was sealed");
      case NO_SIGNING_CERTIFICATE_FOUND:
        return finding.conclude(
            Verdict.ALTERED,
            "the certificate in the seal is not the one that made the signature: it was"
                + " swapped or changed");
      case FORMAT_FAILURE, SIGNED_DATA_NOT_FOUND:
        return finding.malformed("the seal is not a well-formed signature (" + sub + ")");
      case REVOKED, REVOKED_NO_POE, REVOKED_CA_NO_POE:
        return finding.conclude(
            Verdict.REVOKED,
            "the seal certificate was revoked before the reply was provably sealed");
      case OUT_OF_BOUNDS_NO_POE, OUT_OF_BOUNDS_NOT_REVOKED, EXPIRED, NOT_YET_VALID:
        return notValidAtSigningTime(finding);
      case NO_CERTIFICATE_CHAIN_FOUND, NO_CERTIFICATE_CHAIN_FOUND_NO_POE:
        return finding.conclude(
            Verdict.UNTRUSTED_CERTIFICATE,
            "the seal certificate was not issued by an authority the hub trusts");
      case TRY_LATER:
        return finding.conclude(
            Verdict.UNDETERMINED,
            "the revocation status of the seal certificate is not known yet; try later");
      default:
        break;
    }
    if (finding.errorKeys.contains(SIGNING_TIME_OUT_OF_VALIDITY)) {
      return notValidAtSigningTime(finding);
    }
    if (sub == SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE
        && finding.errorKeys.stream().anyMatch(NO_REVOCATION_DATA::contains)) {
      return finding.conclude(
          Verdict.UNDETERMINED,
          "no revocation data for the seal certificate: give the verifier the hub's CRL");
    }
    return finding.conclude(
        Verdict.UNTRUSTED_CERTIFICATE,
        "the seal certificate cannot be trusted (" + indication + " / " + sub + ")");
  }

  private static SealVerification notValidAtSigningTime(Finding finding) {
    CertificateInfo certificate = finding.certificate;
    String validity =
        certificate == null
            ? ""
            : " (valid " + certificate.notBefore() + " to " + certificate.notAfter() + ")";
    return finding.conclude(
        Verdict.NOT_VALID_AT_SIGNING_TIME,
        "the seal certificate" + validity + " was not valid when the reply was sealed");
  }

  /** The JSON the seal covers, when it is a JSON object. */
  private static Map<String, Object> originalJson(SignedDocumentValidator validator, String id) {
    try {
      List<DSSDocument> originals = validator.getOriginalDocuments(id);
      if (originals.size() != 1) {
        return null;
      }
      return CONTENT_READER.readValue(DSSUtils.toByteArray(originals.get(0)), CONTENT_TYPE);
    } catch (IOException | RuntimeException e) {
      // A PDF, or content that is not a JSON object: there is no JSON to show.
      return null;
    }
  }

  private static List<String> messages(List<Message> messages) {
    return messages.stream().map(Message::getValue).toList();
  }

  private static X509Certificate readCertificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      return null;
    }
  }

  /**
   * Validates a chain (seal certificate first) against trust anchors with PKIX at the given time,
   * revocation not checked. Trailing certificates that are trust anchors themselves are ignored.
   */
  static void validatePath(
      List<X509Certificate> chain, List<X509Certificate> trustAnchors, Instant at)
      throws CertPathValidatorException {
    List<X509Certificate> path = new ArrayList<>(chain);
    while (!path.isEmpty() && trustAnchors.contains(path.get(path.size() - 1))) {
      path.remove(path.size() - 1);
    }
    if (path.isEmpty()) {
      throw new CertPathValidatorException("the certificate is a trust anchor, not a seal");
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters =
          new PKIXParameters(
              trustAnchors.stream()
                  .map(anchor -> new TrustAnchor(anchor, null))
                  .collect(Collectors.toSet()));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (CertPathValidatorException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new CertPathValidatorException("the chain cannot be validated: " + e.getMessage(), e);
    }
  }

  /** The department a seal certificate names in its subject's organizationIdentifier. */
  static Optional<String> departmentOf(X509Certificate certificate) {
    try {
      X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
      RDN[] rdns = subject.getRDNs(BCStyle.ORGANIZATION_IDENTIFIER);
      if (rdns.length != 1 || rdns[0].isMultiValued()) {
        return Optional.empty();
      }
      return rdns[0].getFirst().getValue() instanceof ASN1String value
          ? Optional.of(value.getString())
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A distinguished name as RFC 2253 writes it, organizationIdentifier named. */
  static String nameOf(X500Principal principal) {
    return principal.getName(X500Principal.RFC2253, NAME_KEYWORDS);
  }

  static CertificateInfo infoOf(X509Certificate certificate) {
    return new CertificateInfo(
        nameOf(certificate.getSubjectX500Principal()),
        nameOf(certificate.getIssuerX500Principal()),
        certificate.getSerialNumber().toString(16),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant());
  }

  /** What has been read so far, turned into a verification at the end. */
  private static final class Finding {
    private String department;
    private Instant sealedAt;
    private Instant timestampedAt;
    private CertificateInfo certificate;
    private String format;
    private Validation validation;
    private Set<String> errorKeys = Set.of();
    private Map<String, Object> content;

    SealVerification malformed(String reason) {
      return conclude(Verdict.MALFORMED, reason);
    }

    SealVerification conclude(Verdict verdict, String reason) {
      return new SealVerification(
          verdict,
          verdict == Verdict.INTACT,
          reason,
          department,
          sealedAt,
          timestampedAt,
          certificate,
          format,
          validation,
          content,
          null);
    }
  }
}
