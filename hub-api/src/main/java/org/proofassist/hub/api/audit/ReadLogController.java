package org.proofassist.hub.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.proofassist.hub.api.audit.PersonalDataReads.Read;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who looked at a citizen's data (个人信息查阅记录): for auditors, every recorded read of the requests
 * about one citizen. Reading the log is itself a read of personal data, and is recorded too.
 */
@RestController
@RequestMapping("/api/v1/audit/reads")
@Validated
@Tag(name = "Audit", description = "审计: who read personal data")
public class ReadLogController {

  /** A page of the reads of one citizen's requests, latest first. */
  public record Reads(String idNumber, List<Read> reads, int page, int size, long total) {}

  private final PersonalDataReads reads;

  public ReadLogController(PersonalDataReads reads) {
    this.reads = reads;
  }

  @GetMapping
  @Operation(summary = "Who read the personal data of a citizen's requests, latest first")
  public Reads readsOf(
      @AuthenticationPrincipal HubUser user,
      @RequestParam String idNumber,
      @RequestParam(required = false) String purpose,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    CitizenIdNumber citizen;
    try {
      citizen = CitizenIdNumber.of(idNumber);
    } catch (InvalidValueException e) {
      throw new InvalidFieldException("idNumber", e.code(), e.getMessage());
    }
    // only auditors reach this log, so the rule makes the purpose required here
    String why = PersonalDataReads.purpose(user, purpose);
    Reads answer =
        new Reads(
            citizen.value(),
            reads.readsOf(citizen.value(), page, size),
            page,
            size,
            reads.countOf(citizen.value()));
    reads.record(user, null, citizen.value(), "read log", why);
    return answer;
  }
}
