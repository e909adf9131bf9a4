package org.proofassist.hub.api.seal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Checks a sealed reply: intact or not, sealed by whom, and why not. */
@RestController
@RequestMapping("/api/v1/seals")
@Tag(name = "Seals", description = "公章: verify a stamped reply")
public class SealController {

  /**
   * A sealed reply to check. The whole document from {@code GET /requests/{id}/reply} may be posted
   * as it is: only its {@code jws} is read.
   */
  public record VerifySeal(@NotBlank String jws) {}

  private final SealVerifier verifier;

  public SealController(SealVerifier verifier) {
    this.verifier = verifier;
  }

  @PostMapping("/verify")
  @Operation(
      summary = "Verify a sealed reply",
      description =
          "Answers 200 with a verdict: INTACT, ALTERED, UNTRUSTED_CERTIFICATE,"
              + " DEPARTMENT_MISMATCH or MALFORMED, the sealing department and time.")
  public SealVerification verify(@Valid @RequestBody VerifySeal body) {
    return verifier.verify(body.jws());
  }
}
