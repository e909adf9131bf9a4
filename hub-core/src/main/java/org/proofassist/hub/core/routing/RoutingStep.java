package org.proofassist.hub.core.routing;

import org.proofassist.hub.core.directory.DepartmentId;

/**
 * One step of the path a routing decision took: which criterion, which key matched it, and the
 * department it led to. For example {@code ("street", "350102008", FZ-PSB-GULOU-SHUIBU)}.
 */
public record RoutingStep(String criterion, String key, DepartmentId department) {}
