package org.proofassist.hub.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DivisionCode;
import org.proofassist.hub.core.request.Actor;
import org.proofassist.hub.core.request.Matter;
import org.proofassist.hub.core.request.RaiseVerificationRequest;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.Subject;

/** The body of {@code POST /api/v1/requests}. */
public record RaiseRequestBody(
    @NotBlank String proofType,
    @NotNull @Valid SubjectBody subject,
    @NotNull @Valid MatterBody matter,
    @Size(max = 2000) String question) {

  /**
   * The command this body asks for. With an idempotency key the request id is derived from the
   * department and the key, so a retry names the same request and cannot raise a second one.
   *
   * @throws InvalidFieldException naming the first field whose value is refused
   */
  public RaiseVerificationRequest toCommand(Actor actor, String idempotencyKey) {
    ProofTypeCode type = field("proofType", () -> ProofTypeCode.of(proofType));
    CitizenIdNumber idNumber =
        field("subject.idNumber", () -> CitizenIdNumber.of(subject.idNumber));
    List<CitizenIdNumber> others = new ArrayList<>();
    List<String> given = subject.otherIdNumbers == null ? List.of() : subject.otherIdNumbers;
    for (int i = 0; i < given.size(); i++) {
      String other = given.get(i);
      others.add(field("subject.otherIdNumbers[" + i + "]", () -> CitizenIdNumber.of(other)));
    }
    DivisionCode division =
        subject.householdDivision == null || subject.householdDivision.isBlank()
            ? null
            : field("subject.householdDivision", () -> DivisionCode.of(subject.householdDivision));
    Subject theSubject =
        field(
            "subject",
            () ->
                new Subject(
                    subject.name, idNumber, others, division, blankToNull(subject.address)));
    Matter theMatter =
        field("matter", () -> new Matter(matter.code, blankToNull(matter.caseNumber)));
    String canonical =
        String.join(
            "\u001f",
            type.value(),
            theSubject.name(),
            idNumber.value(),
            others.toString(),
            String.valueOf(division),
            String.valueOf(theSubject.address()),
            theMatter.code(),
            String.valueOf(theMatter.caseNumber()),
            String.valueOf(blankToNull(question)));
    RequestId id =
        idempotencyKey == null
            ? RequestId.random()
            : RequestId.fromBytes(sha256(actor.department().value() + "\n" + idempotencyKey));
    return new RaiseVerificationRequest(
        id,
        type,
        theSubject,
        theMatter,
        blankToNull(question),
        actor,
        idempotencyKey,
        HexFormat.of().formatHex(sha256(canonical)));
  }

  private static <T> T field(String field, Supplier<T> value) {
    try {
      return value.get();
    } catch (InvalidValueException e) {
      throw new InvalidFieldException(field, e.code(), field + ": " + e.getMessage());
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The person the proof is about. */
  public record SubjectBody(
      @NotBlank @Size(max = 100) String name,
      @NotBlank String idNumber,
      @Size(max = 10) List<String> otherIdNumbers,
      String householdDivision,
      @Size(max = 300) String address) {}

  /** The matter at the window that needs the proof. */
  public record MatterBody(
      @NotBlank @Size(max = 64) String code, @Size(max = 64) String caseNumber) {}
}
