package org.proofassist.hub.core.catalogue;

import java.util.List;
import java.util.Objects;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.DepartmentKind;

/**
 * A kind of proof that departments ask each other for (证明事项).
 *
 * @param code stable code
 * @param name official Chinese name
 * @param nameEn English name
 * @param rule how requests of this type are routed
 * @param authorityKind the kind of authority that answers it
 * @param fixedDepartment the answering department, for {@link RoutingRule#FIXED_DEPARTMENT}
 * @param serviceLevel how long the issuing side has to answer, in office time (服务时限)
 * @param escalationGrace how long the supervising authority has once a request is escalated at its
 *     deadline, before it times out
 * @param maxExtension the most a supervisor may extend a deadline by
 * @param legalBasis the regulation that makes the proof necessary
 * @param requiredFields request fields this proof type needs beyond the common ones, such as {@code
 *     subject.otherIdNumbers} for a same-person proof
 */
public record ProofType(
    ProofTypeCode code,
    String name,
    String nameEn,
    RoutingRule rule,
    DepartmentKind authorityKind,
    DepartmentId fixedDepartment,
    ServiceLevel serviceLevel,
    ServiceLevel escalationGrace,
    ServiceLevel maxExtension,
    String legalBasis,
    List<String> requiredFields) {

  /** The request fields a proof type may require. */
  public static final List<String> REQUIRABLE_FIELDS =
      List.of("subject.otherIdNumbers", "subject.householdDivision", "subject.address");

  public ProofType {
    requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
    for (String field : requiredFields) {
      if (!REQUIRABLE_FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "proof type " + code + " requires unknown field " + field);
      }
    }
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(authorityKind, "authorityKind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("proof type " + code + " has no name");
    }
    if (rule == RoutingRule.FIXED_DEPARTMENT && fixedDepartment == null) {
      throw new IllegalArgumentException(
          "proof type " + code + " is fixed but names no department");
    }
    if (serviceLevel == null || escalationGrace == null || maxExtension == null) {
      throw new IllegalArgumentException(
          "proof type "
              + code
              + " needs a service level, an escalation grace and a maximum extension");
    }
  }
}
