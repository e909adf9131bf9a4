package org.proofassist.hub.api.seal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Checks a sealed reply: intact or not, sealed by whom and when, and why not. */
@RestController
@RequestMapping("/api/v1/seals")
@Tag(name = "Seals", description = "公章: verify a stamped reply or a sealed PDF")
public class SealController {

  /**
   * A sealed reply to check. The whole document from {@code GET /requests/{id}/reply} may be posted
   * as it is: only its {@code jws} is read.
   */
  public record VerifySeal(@NotBlank String jws) {}

  private static final String VERDICTS =
      "Answers 200 with a verdict: INTACT, ALTERED, UNTRUSTED_CERTIFICATE,"
          + " NOT_VALID_AT_SIGNING_TIME, REVOKED, DEPARTMENT_MISMATCH, UNDETERMINED or MALFORMED;"
          + " the sealing department, signing and time-stamp times, the certificate and the EU DSS"
          + " validation result it was drawn from.";

  private final SealVerifier verifier;

  public SealController(SealVerifier verifier) {
    this.verifier = verifier;
  }

  @PostMapping(path = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Verify a sealed reply (JAdES)", description = VERDICTS)
  public SealVerification verify(
      @Valid @RequestBody VerifySeal body,
      @Parameter(description = "attach DSS's simple validation report (XML)")
          @RequestParam(defaultValue = "false")
          boolean report) {
    return verifier.verify(body.jws().strip().getBytes(StandardCharsets.UTF_8), report);
  }

  @PostMapping(path = "/verify", consumes = MediaType.APPLICATION_PDF_VALUE)
  @Operation(summary = "Verify a sealed reply PDF (PAdES)", description = VERDICTS)
  public SealVerification verifyPdf(
      @RequestBody byte[] pdf,
      @Parameter(description = "attach DSS's simple validation report (XML)")
          @RequestParam(defaultValue = "false")
          boolean report) {
    return verifier.verify(pdf, report);
  }
}
