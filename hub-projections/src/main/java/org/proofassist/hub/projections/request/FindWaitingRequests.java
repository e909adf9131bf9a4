package org.proofassist.hub.projections.request;

import java.util.Set;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.RequestStatus;

/**
 * What an approving department is waiting for: the requests it raised, soonest due first.
 *
 * @param statuses only these statuses; empty for all
 * @param clerk only the requests this user raised (one window's or clerk's list); null for the
 *     whole department
 */
public record FindWaitingRequests(
    DepartmentId department, Set<RequestStatus> statuses, String clerk, int page, int size) {

  public FindWaitingRequests(
      DepartmentId department, Set<RequestStatus> statuses, int page, int size) {
    this(department, statuses, null, page, size);
  }
}
