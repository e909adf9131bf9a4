package org.proofassist.hub.api.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.proofassist.hub.core.request.DeclineReason;
import org.proofassist.hub.core.request.ReplyOutcome;

/** The bodies of the commands on one request. */
public final class CommandBodies {

  private CommandBodies() {}

  /** {@code POST /requests/{id}/dispatch}. */
  public record Dispatch(@NotBlank String unit) {}

  /** {@code POST /requests/{id}/forward}. */
  public record Forward(@NotBlank String to, @NotBlank @Size(max = 2000) String reason) {}

  /** {@code POST /requests/{id}/clarification}. */
  public record Clarification(@NotBlank @Size(max = 2000) String question) {}

  /** {@code POST /requests/{id}/clarification/answer}. */
  public record ClarificationAnswer(@NotBlank @Size(max = 2000) String answer) {}

  /** {@code POST /requests/{id}/reply}. */
  public record Reply(
      @NotNull ReplyOutcome outcome,
      @NotBlank @Size(max = 2000) String statement,
      @Size(max = 50) @FactNames Map<String, String> facts) {}

  /** {@code POST /requests/{id}/decline}. */
  public record Decline(
      @NotNull DeclineReason reasonCode, @NotBlank @Size(max = 2000) String reason) {}

  /** {@code POST /requests/{id}/withdraw}. */
  public record Withdraw(@NotBlank @Size(max = 2000) String reason) {}

  /** {@code POST /requests/{id}/commitment}: the applicant's written commitment. */
  public record Commitment(@NotBlank @Size(max = 4000) String statement) {}

  /** {@code POST /requests/{id}/extend}: the new deadline and why. */
  public record Extend(
      @NotNull java.time.Instant until, @NotBlank @Size(max = 2000) String reason) {}
}
