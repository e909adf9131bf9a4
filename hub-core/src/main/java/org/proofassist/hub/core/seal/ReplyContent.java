package org.proofassist.hub.core.seal;

import java.time.Instant;
import java.util.Map;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.Matter;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.Subject;

/**
 * What an issuing department states in a reply: the document that its seal covers, byte for byte in
 * canonical JSON.
 */
public record ReplyContent(
    RequestId requestId,
    ProofTypeCode proofType,
    Subject subject,
    Matter matter,
    String question,
    ReplyOutcome outcome,
    String statement,
    Map<String, String> facts,
    DepartmentId issuingDepartment,
    String officer,
    Instant issuedAt) {

  public ReplyContent {
    facts = facts == null ? Map.of() : Map.copyOf(facts);
  }
}
