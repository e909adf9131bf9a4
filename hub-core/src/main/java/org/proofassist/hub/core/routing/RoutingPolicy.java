package org.proofassist.hub.core.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.directory.DivisionCode;

/**
 * Decides which department answers a request, from the proof type's rule and the directory.
 *
 * <p>For division-based rules the authority of the proof type's kind whose jurisdiction covers the
 * subject's division is found first (the most specific one), then the one issuing unit under it
 * whose jurisdiction covers the street. No unit, or more than one, leaves the request with the
 * authority to dispatch by hand; an authority without issuing units answers itself.
 */
public final class RoutingPolicy {

  private final Directory directory;

  public RoutingPolicy(Directory directory) {
    this.directory = directory;
  }

  public RoutingDecision route(ProofType proofType, Optional<DivisionCode> division) {
    return switch (proofType.rule()) {
      case FIXED_DEPARTMENT -> routeToFixed(proofType);
      case BY_HOUSEHOLD_REGISTRATION, BY_ENTERPRISE_REGISTRATION ->
          routeByDivision(
              proofType,
              division.orElseThrow(
                  () ->
                      new RoutingImpossibleException(
                          "subject.householdDivision",
                          "proof type "
                              + proofType.code()
                              + " is routed by the subject's registered division, which is"
                              + " missing")));
    };
  }

  /**
   * Where a request goes when a unit forwards it to {@code target}: the target's authority of the
   * proof type's kind, and the target itself when it issues, or dispatch by that authority.
   */
  public RoutingDecision forwardTo(ProofType proofType, DepartmentId target) {
    Department department = directory.get(target);
    Department authority =
        authorityAbove(department, proofType)
            .orElseThrow(
                () ->
                    new RoutingImpossibleException(
                        "to",
                        target
                            + " is not competent for "
                            + proofType.code()
                            + ": no "
                            + proofType.authorityKind()
                            + " is at or above it"));
    List<RoutingStep> path = new ArrayList<>();
    path.add(new RoutingStep("forwarded to", target.value(), authority.id()));
    if (!department.id().equals(authority.id())) {
      if (!department.issuing()) {
        throw new RoutingImpossibleException("to", target + " does not answer requests");
      }
      path.add(new RoutingStep("unit", target.value(), department.id()));
      return new RoutingDecision.Routed(
          authority.id(), department.id(), proofType.rule(), target.value(), List.copyOf(path));
    }
    if (issuingUnitsUnder(authority).isEmpty() && authority.issuing()) {
      return new RoutingDecision.Routed(
          authority.id(), authority.id(), proofType.rule(), target.value(), List.copyOf(path));
    }
    return new RoutingDecision.AwaitingDispatch(
        authority.id(),
        proofType.rule(),
        target.value(),
        "forwarded to the authority, which dispatches it to one of its units",
        List.copyOf(path));
  }

  /** Whether {@code unit} may be given a request that {@code authority} dispatches. */
  public boolean canDispatch(DepartmentId authority, DepartmentId unit) {
    Optional<Department> department = directory.find(unit);
    return department.isPresent()
        && department.get().issuing()
        && directory.isSameOrAbove(authority, unit);
  }

  private RoutingDecision routeToFixed(ProofType proofType) {
    Department fixed = directory.get(proofType.fixedDepartment());
    Department authority = authorityAbove(fixed, proofType).orElse(fixed);
    List<RoutingStep> path =
        List.of(new RoutingStep("fixed department", fixed.id().value(), fixed.id()));
    return new RoutingDecision.Routed(
        authority.id(), fixed.id(), RoutingRule.FIXED_DEPARTMENT, fixed.id().value(), path);
  }

  private RoutingDecision routeByDivision(ProofType proofType, DivisionCode division) {
    List<Department> candidates = directory.ofKindCovering(proofType.authorityKind(), division);
    if (candidates.isEmpty()) {
      throw new RoutingImpossibleException(
          "subject.householdDivision",
          "no " + proofType.authorityKind() + " in the directory covers division " + division);
    }
    Department authority =
        candidates.stream()
            .max(Comparator.comparingInt(d -> specificity(d, division)))
            .orElseThrow();
    List<RoutingStep> path = new ArrayList<>();
    path.add(new RoutingStep("county", division.county().value(), authority.id()));

    List<Department> units = issuingUnitsUnder(authority);
    if (units.isEmpty()) {
      if (!authority.issuing()) {
        throw new RoutingImpossibleException(
            "proofType", authority.id() + " has no unit that answers " + proofType.code());
      }
      return new RoutingDecision.Routed(
          authority.id(), authority.id(), proofType.rule(), division.value(), List.copyOf(path));
    }
    if (!division.isStreetLevel()) {
      return new RoutingDecision.AwaitingDispatch(
          authority.id(),
          proofType.rule(),
          division.value(),
          "the division " + division + " names no street, so no unit can be chosen",
          List.copyOf(path));
    }
    List<Department> covering =
        directory.childrenCovering(authority.id(), division).stream()
            .filter(Department::issuing)
            .toList();
    if (covering.size() == 1) {
      Department unit = covering.get(0);
      path.add(new RoutingStep("street", division.value(), unit.id()));
      return new RoutingDecision.Routed(
          authority.id(), unit.id(), proofType.rule(), division.value(), List.copyOf(path));
    }
    String reason =
        covering.isEmpty()
            ? "no unit of " + authority.id() + " covers street " + division
            : "several units cover street "
                + division
                + ": "
                + covering.stream().map(d -> d.id().value()).toList();
    return new RoutingDecision.AwaitingDispatch(
        authority.id(), proofType.rule(), division.value(), reason, List.copyOf(path));
  }

  private List<Department> issuingUnitsUnder(Department authority) {
    return directory.childrenOf(authority.id()).stream().filter(Department::issuing).toList();
  }

  private Optional<Department> authorityAbove(Department department, ProofType proofType) {
    if (department.kind() == proofType.authorityKind()) {
      return Optional.of(department);
    }
    return directory.ancestorsOf(department.id()).stream()
        .map(directory::get)
        .filter(d -> d.kind() == proofType.authorityKind())
        .findFirst();
  }

  private static int specificity(Department authority, DivisionCode division) {
    return authority.jurisdiction().stream()
        .filter(code -> code.covers(division))
        .mapToInt(code -> code.value().replaceAll("0+$", "").length())
        .max()
        .orElse(0);
  }
}
