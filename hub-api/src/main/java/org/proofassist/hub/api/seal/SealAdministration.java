package org.proofassist.hub.api.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.seal.RecordSealCertificate;
import org.proofassist.hub.core.seal.RecordSealRevocation;
import org.proofassist.hub.core.seal.RevocationReason;
import org.proofassist.hub.core.seal.SealCertificate;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority.Revocation;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority.Rotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after the departments' seals: rotates and revokes them at the certification authority and
 * records each change as an event of the department's {@code DepartmentSeal}, so that the seal
 * history is part of what auditors replay.
 *
 * <p>The authority's files are the source of truth for keys and revocations; {@link #recordAll}
 * records at every start whatever the event store does not know yet (the first seals, and any
 * change whose recording was cut short by a crash). Recording is idempotent.
 */
public class SealAdministration {

  /** Who records what the hub itself found. */
  public static final String HUB = "hub";

  private static final Logger log = LoggerFactory.getLogger(SealAdministration.class);

  private final DevelopmentSealAuthority authority;
  private final Directory directory;
  private final CommandGateway commands;
  private final Clock clock;

  public SealAdministration(
      DevelopmentSealAuthority authority,
      Directory directory,
      CommandGateway commands,
      Clock clock) {
    this.authority = authority;
    this.directory = directory;
    this.commands = commands;
    this.clock = clock;
  }

  /** A seal certificate and where it stands. */
  public enum Standing {
    /** The certificate the department seals with now. */
    CURRENT,
    /** Replaced by a rotation; what it sealed stays valid. */
    REPLACED,
    /** Revoked: what it sealed after {@code revokedAt} no longer verifies. */
    REVOKED
  }

  /**
   * A seal certificate of a department as an administrator sees it.
   *
   * @param certificate the recorded facts of the certificate
   * @param standing current, replaced or revoked
   * @param revokedAt from when it is revoked, if it is
   * @param revocationReason why, if it is
   */
  public record CertificateStanding(
      SealCertificate certificate,
      Standing standing,
      Instant revokedAt,
      RevocationReason revocationReason) {}

  /** Records every seal certificate and revocation the authority holds, oldest first. */
  public void recordAll() {
    int recorded = 0;
    for (Department department : directory.all()) {
      if (!department.issuing()) {
        continue;
      }
      List<X509Certificate> newestFirst = authority.certificates(department.id());
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        X509Certificate certificate = newestFirst.get(i);
        commands.sendAndWait(
            new RecordSealCertificate(
                department.id(), recordOf(department.id(), certificate), "rotation", HUB));
        Optional<Revocation> revocation = authority.revocation(certificate.getSerialNumber());
        if (revocation.isPresent()) {
          commands.sendAndWait(recordOf(department.id(), revocation.get(), HUB));
        }
        recorded++;
      }
    }
    log.info(
        "Seal history: {} certificates known to the certification authority recorded", recorded);
  }

  /** The department's seal certificates, the current one first. */
  public List<CertificateStanding> certificates(DepartmentId department) {
    requireIssuing(department);
    List<CertificateStanding> standings = new ArrayList<>();
    List<X509Certificate> certificates = authority.certificates(department);
    for (int i = 0; i < certificates.size(); i++) {
      X509Certificate certificate = certificates.get(i);
      Optional<Revocation> revocation = authority.revocation(certificate.getSerialNumber());
      Standing standing =
          revocation.isPresent() ? Standing.REVOKED : i == 0 ? Standing.CURRENT : Standing.REPLACED;
      standings.add(
          new CertificateStanding(
              recordOf(department, certificate),
              standing,
              revocation.map(Revocation::revokedAt).orElse(null),
              revocation.map(Revocation::reason).orElse(null)));
    }
    return standings;
  }

  /**
   * Gives a department a new seal key and certificate; replies sealed before stay valid.
   *
   * @return the new certificate
   */
  public SealCertificate rotate(DepartmentId department, String reason, String administrator) {
    Department issuing = requireIssuing(department);
    Rotation rotation = authority.rotate(issuing);
    SealCertificate current = recordOf(department, rotation.current());
    commands.sendAndWait(new RecordSealCertificate(department, current, reason, administrator));
    log.info(
        "Seal of {} rotated by {}: {} replaced by {}",
        department,
        administrator,
        rotation.previous().getSerialNumber().toString(16),
        current.serialNumber());
    return current;
  }

  /**
   * Revokes one of a department's seal certificates and publishes a new CRL. When it is the current
   * one, the seal is rotated at once so that the department can go on sealing.
   *
   * @param revokedAt from when; {@code null} for now
   * @return where the certificate stands now
   */
  public CertificateStanding revoke(
      DepartmentId department,
      String serialNumber,
      Instant revokedAt,
      RevocationReason reason,
      String administrator) {
    Department issuing = requireIssuing(department);
    List<X509Certificate> certificates = authority.certificates(department);
    X509Certificate certificate =
        certificates.stream()
            .filter(c -> c.getSerialNumber().toString(16).equals(serialNumber))
            .findFirst()
            .orElseThrow(
                () ->
                    new NotFoundException(department + " has no seal certificate " + serialNumber));
    Instant now = clock.instant();
    if (revokedAt != null && revokedAt.isAfter(now)) {
      throw new InvalidFieldException(
          "revokedAt", "REVOCATION_IN_FUTURE", "a revocation cannot take effect in the future");
    }
    Instant effective = revocationInstant(revokedAt, now);
    if (effective.isBefore(certificate.getNotBefore().toInstant())) {
      throw new InvalidFieldException(
          "revokedAt",
          "REVOCATION_BEFORE_ISSUE",
          "the certificate is valid only from " + certificate.getNotBefore().toInstant());
    }
    Revocation revocation = authority.revoke(certificate.getSerialNumber(), effective, reason);
    commands.sendAndWait(recordOf(department, revocation, administrator));
    log.warn(
        "Seal certificate {} of {} revoked by {} from {} ({})",
        serialNumber,
        department,
        administrator,
        revocation.revokedAt(),
        revocation.reason());
    boolean wasCurrent =
        certificates.get(0).getSerialNumber().equals(certificate.getSerialNumber());
    if (wasCurrent) {
      rotate(issuing.id(), "replaces revoked certificate " + serialNumber, administrator);
    }
    return new CertificateStanding(
        recordOf(department, certificate),
        Standing.REVOKED,
        revocation.revokedAt(),
        revocation.reason());
  }

  /**
   * When a revocation takes effect, in the whole seconds that a CRL can state. A time given by the
   * administrator is taken down to its second (stricter: nothing sealed in that second counts as
   * before it). "Now" is taken up to the next second: a CRL entry of the current second would be
   * read as earlier than a reply sealed and time-stamped a moment ago, and revoke it too.
   */
  static Instant revocationInstant(Instant revokedAt, Instant now) {
    if (revokedAt != null) {
      return revokedAt.truncatedTo(ChronoUnit.SECONDS);
    }
    Instant second = now.truncatedTo(ChronoUnit.SECONDS);
    return second.equals(now) ? now : second.plusSeconds(1);
  }

  private Department requireIssuing(DepartmentId department) {
    Department found =
        directory
            .find(department)
            .orElseThrow(() -> new NotFoundException("no department " + department));
    if (!found.issuing()) {
      throw new NotFoundException(department + " issues no proofs and has no seal");
    }
    return found;
  }

  private static RecordSealRevocation recordOf(
      DepartmentId department, Revocation revocation, String recordedBy) {
    return new RecordSealRevocation(
        department,
        revocation.serialNumber().toString(16),
        revocation.revokedAt(),
        revocation.reason(),
        recordedBy);
  }

  /** The facts of a certificate that the seal's history records. */
  public static SealCertificate recordOf(DepartmentId department, X509Certificate certificate) {
    return new SealCertificate(
        department,
        certificate.getSerialNumber().toString(16),
        SealVerifier.nameOf(certificate.getSubjectX500Principal()),
        SealVerifier.nameOf(certificate.getIssuerX500Principal()),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        fingerprint(certificate));
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("a certificate just read cannot be encoded", e);
    }
  }
}
