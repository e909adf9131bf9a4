package org.proofassist.hub.projections.citizen;

import java.util.List;

/**
 * The requests about one citizen: every request whose subject has this ID number, as the current
 * number or as one of the other numbers the person held, in the order they were raised.
 *
 * @param id the ID number (the document's key)
 * @param requestIds the requests' ids, oldest first
 */
public record CitizenRequests(String id, List<String> requestIds) {

  public CitizenRequests {
    requestIds = requestIds == null ? List.of() : List.copyOf(requestIds);
  }
}
