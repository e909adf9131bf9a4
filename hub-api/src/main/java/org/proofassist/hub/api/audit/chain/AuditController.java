package org.proofassist.hub.api.audit.chain;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.proofassist.hub.api.audit.PersonalDataReads;
import org.proofassist.hub.api.audit.chain.AuditBundleExporter.Bundle;
import org.proofassist.hub.api.problem.ConflictException;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.request.RequestId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tamper-evident audit log over HTTP, for auditors ({@code /api/v1/audit/**} is theirs alone):
 * the chain's state, a full verification against the event store, and a request's bundle for
 * offline checking. Needs the hub's default event store.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log", description = "审计链: the chained event log, its checkpoints and exports")
public class AuditController {

  private final AuditChain chain;
  private final PersonalDataReads reads;

  public AuditController(AuditChain chain, PersonalDataReads reads) {
    this.chain = chain;
    this.reads = reads;
  }

  @GetMapping("/chain")
  @Operation(summary = "Where the audit chain stands: its head, the last checkpoint, the writer")
  public AuditChain.ChainStatus status() {
    requireAvailable();
    return chain.status();
  }

  @GetMapping("/verify")
  @Operation(
      summary = "Recompute the audit chain from the event store and check every checkpoint",
      description =
          "Walks the whole event store in global order; names the first entry that does not match"
              + " (its position, event id and request).")
  public AuditVerification verify() {
    requireAvailable();
    return chain.verifier().verify();
  }

  @GetMapping(path = "/requests/{id}/export", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "A request's audit bundle for offline checking (personal data; the read is recorded)",
      description =
          "The request's stored events, their chain entries up to the nearest signed checkpoints,"
              + " the checkpoints, the sealed reply and the CA certificate. Check it with"
              + " `java -jar proof-assist-hub.jar verify-audit-bundle`.")
  public ResponseEntity<String> export(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Parameter(description = "why the data is read; recorded in the read log")
          @RequestHeader(name = "X-Purpose", required = false)
          String purpose) {
    requireAvailable();
    RequestId requestId = RequestId.of(id);
    Bundle bundle = chain.exporter().export(requestId.value());
    reads.record(user, requestId.value(), bundle.subjectIdNumber(), "audit-bundle", purpose);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("audit-" + requestId.value() + ".json")
                .build()
                .toString())
        .body(bundle.json().toPrettyString());
  }

  private void requireAvailable() {
    if (!chain.available()) {
      throw new ConflictException(
          "AUDIT_CHAIN_UNAVAILABLE",
          null,
          "the audit chain needs the hub's default event store (hub.event-store=sequenced): it"
              + " chains events in the store's global order, which the 'axon-mongo' event store"
              + " this hub runs does not have");
    }
  }
}
