package org.proofassist.hub.api.seal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.proofassist.hub.api.seal.SealAdministration.CertificateStanding;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.seal.RevocationReason;
import org.proofassist.hub.core.seal.SealCertificate;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The administrator's view of the departments' seals: list, rotate, revoke. */
@RestController
@RequestMapping("/api/v1/admin/seals")
@Tag(name = "Seal administration", description = "印章管理: rotate and revoke department seals")
public class SealAdministrationController {

  /** Why a seal is rotated. */
  public record RotateSeal(@NotBlank @Size(max = 500) String reason) {}

  /**
   * A certificate to revoke.
   *
   * @param serialNumber lower-case hex, as listed
   * @param revokedAt from when; now when left out; never in the future
   * @param reason the CRL reason
   */
  public record RevokeCertificate(
      @NotBlank @Pattern(regexp = "[0-9a-f]{1,40}") String serialNumber,
      Instant revokedAt,
      @NotNull RevocationReason reason) {}

  /** A department's seal certificates, the current one first. */
  public record SealCertificates(String department, List<CertificateStanding> certificates) {}

  private final SealAdministration administration;

  public SealAdministrationController(SealAdministration administration) {
    this.administration = administration;
  }

  @GetMapping("/{department}")
  @Operation(summary = "A department's seal certificates: current, replaced and revoked")
  public SealCertificates certificates(@PathVariable String department) {
    DepartmentId id = DepartmentId.of(department);
    return new SealCertificates(id.value(), administration.certificates(id));
  }

  @PostMapping("/{department}/rotation")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Rotate a department's seal",
      description = "New replies are sealed with a new key and certificate; old ones stay valid.")
  public SealCertificate rotate(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String department,
      @Valid @RequestBody RotateSeal body) {
    return administration.rotate(DepartmentId.of(department), body.reason(), user.username());
  }

  @PostMapping("/{department}/revocations")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Revoke a seal certificate",
      description =
          "Publishes a new CRL at once. Replies sealed after revokedAt no longer verify; a revoked"
              + " current seal is rotated at once.")
  public CertificateStanding revoke(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String department,
      @Valid @RequestBody RevokeCertificate body) {
    return administration.revoke(
        DepartmentId.of(department),
        body.serialNumber(),
        body.revokedAt(),
        body.reason(),
        user.username());
  }
}
