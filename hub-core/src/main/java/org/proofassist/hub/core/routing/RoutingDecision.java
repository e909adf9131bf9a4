package org.proofassist.hub.core.routing;

import java.util.List;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.directory.DepartmentId;

/** Where a request goes: to a unit, or to an authority that must dispatch it by hand. */
public sealed interface RoutingDecision {

  DepartmentId authority();

  RoutingRule rule();

  String key();

  List<RoutingStep> path();

  /** A unit was found: it answers the request. */
  record Routed(
      DepartmentId authority,
      DepartmentId unit,
      RoutingRule rule,
      String key,
      List<RoutingStep> path)
      implements RoutingDecision {}

  /** The authority was found but not a single unit: it must dispatch the request. */
  record AwaitingDispatch(
      DepartmentId authority, RoutingRule rule, String key, String reason, List<RoutingStep> path)
      implements RoutingDecision {}
}
