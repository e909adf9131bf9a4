package org.proofassist.hub.projections.request;

import java.util.Set;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.RequestStatus;

/**
 * What an issuing unit must answer, or for an authority everything assigned below it, soonest due
 * first.
 *
 * @param statuses only these statuses; empty for all
 * @param escalatedOnly only the requests whose deadline passed and that were escalated: to this
 *     department, or to an authority under it
 */
public record FindInbox(
    DepartmentId department,
    Set<RequestStatus> statuses,
    boolean escalatedOnly,
    int page,
    int size) {

  public FindInbox(DepartmentId department, Set<RequestStatus> statuses, int page, int size) {
    this(department, statuses, false, page, size);
  }
}
