package org.proofassist.hub.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.proofassist.hub.api.audit.AuditSearch.Criteria;
import org.proofassist.hub.api.audit.AuditSearch.Found;
import org.proofassist.hub.api.security.HubUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit office's search of requests over HTTP ({@code /api/v1/audit/**}: auditors only). */
@RestController
@RequestMapping("/api/v1/audit/requests")
@Tag(name = "Audit", description = "审计: who read personal data")
public class AuditSearchController {

  private final AuditSearch search;

  public AuditSearchController(AuditSearch search) {
    this.search = search;
  }

  @GetMapping
  @Operation(
      summary = "Search requests (subjects masked; each request listed is recorded as read)",
      description =
          "By department (raised by it, assigned to it or to a unit under it), proof type, days"
              + " raised (from/to, YYYY-MM-DD in Asia/Shanghai, at most 366 days; without them"
              + " and without idNumber the last 30 days), state (status, comma-separated) and"
              + " citizen ID number (current or legacy). Latest raised first. A purpose is"
              + " required. 400 with the parameter at fault in 'field'.")
  public Found search(
      @AuthenticationPrincipal HubUser user,
      @Parameter(description = "department id, e.g. FZ-PSB-GULOU") @RequestParam(required = false)
          String department,
      @Parameter(description = "proof type code, e.g. SAME_PERSON") @RequestParam(required = false)
          String proofType,
      @Parameter(description = "first day raised, YYYY-MM-DD") @RequestParam(required = false)
          String from,
      @Parameter(description = "last day raised, YYYY-MM-DD, included")
          @RequestParam(required = false)
          String to,
      @Parameter(description = "states, e.g. ROUTED,ACCEPTED") @RequestParam(required = false)
          String status,
      @Parameter(description = "the citizen's ID number") @RequestParam(required = false)
          String idNumber,
      @Parameter(description = "why personal data is read; recorded in the read log")
          @RequestParam(required = false)
          String purpose,
      @RequestHeader(name = "X-Purpose", required = false) String purposeHeader,
      @Parameter(description = "from 0") @RequestParam(required = false) Integer page,
      @Parameter(description = "1 to 50, default 20") @RequestParam(required = false)
          Integer size) {
    return search.search(
        user,
        new Criteria(department, proofType, from, to, status, idNumber, page, size),
        purpose != null && !purpose.isBlank() ? purpose : purposeHeader);
  }
}
