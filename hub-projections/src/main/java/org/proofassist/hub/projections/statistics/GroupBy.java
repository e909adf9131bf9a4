package org.proofassist.hub.projections.statistics;

import java.util.Arrays;
import java.util.Optional;

/** What the statistics are broken down by. */
public enum GroupBy {
  /**
   * The issuing department that answered or declined the request, or, while it has not, the one
   * holding it (the unit, or the authority that must dispatch it).
   */
  DEPARTMENT("department"),
  /** The proof type (证明事项) asked for. */
  PROOF_TYPE("proofType");

  private final String parameter;

  GroupBy(String parameter) {
    this.parameter = parameter;
  }

  /** The name in the API's {@code groupBy} parameter. */
  public String parameter() {
    return parameter;
  }

  /** The grouping named {@code parameter} in the API ({@code department}, {@code proofType}). */
  public static Optional<GroupBy> ofParameter(String parameter) {
    return Arrays.stream(values()).filter(g -> g.parameter.equals(parameter)).findFirst();
  }
}
