package org.proofassist.hub.core.seal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * The history of one department's seal (公章): which certificates it sealed with, when each was
 * replaced and which were revoked. The keys themselves live in key stores outside the domain; this
 * aggregate keeps the record an auditor replays.
 */
public class DepartmentSeal {

  @AggregateIdentifier private DepartmentId department;
  private String current;
  private final Map<String, SealCertificate> certificates = new HashMap<>();
  private final Set<String> revoked = new HashSet<>();

  protected DepartmentSeal() {
    // for Axon
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordSealCertificate command, Clock clock) {
    SealCertificate certificate = command.certificate();
    if (certificates.containsKey(certificate.serialNumber())) {
      return;
    }
    if (current == null) {
      apply(
          new SealIssued(command.department(), certificate, command.recordedBy(), clock.instant()));
    } else {
      apply(
          new SealRotated(
              command.department(),
              current,
              certificate,
              command.reason() == null ? "" : command.reason(),
              command.recordedBy(),
              clock.instant()));
    }
  }

  @CommandHandler
  public void handle(RecordSealRevocation command, Clock clock) {
    SealCertificate certificate = certificates.get(command.serialNumber());
    if (certificate == null) {
      throw new SealRefusedException(
          "seal.certificate-unknown",
          department + " has no seal certificate " + command.serialNumber());
    }
    if (command.revokedAt().isBefore(certificate.notBefore())) {
      throw new SealRefusedException(
          "seal.revocation-before-issue",
          "certificate "
              + command.serialNumber()
              + " was valid only from "
              + certificate.notBefore()
              + "; it cannot be revoked from "
              + command.revokedAt());
    }
    if (revoked.contains(command.serialNumber())) {
      return;
    }
    apply(
        new SealCertificateRevoked(
            department,
            command.serialNumber(),
            command.revokedAt(),
            command.reason(),
            command.recordedBy(),
            clock.instant()));
  }

  @EventSourcingHandler
  void on(SealIssued event) {
    department = event.department();
    current = event.certificate().serialNumber();
    certificates.put(current, event.certificate());
  }

  @EventSourcingHandler
  void on(SealRotated event) {
    current = event.certificate().serialNumber();
    certificates.put(current, event.certificate());
  }

  @EventSourcingHandler
  void on(SealCertificateRevoked event) {
    revoked.add(event.serialNumber());
  }
}
