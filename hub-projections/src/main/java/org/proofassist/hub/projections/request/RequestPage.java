package org.proofassist.hub.projections.request;

import java.util.List;
import java.util.Map;

/**
 * One page of a list of requests.
 *
 * @param total how many requests the list holds (with its filters)
 * @param counts how many requests of the list, before the status and escalation filters, are in
 *     each status, and how many were escalated ({@value #ESCALATED})
 */
public record RequestPage(
    List<RequestView> items, int page, int size, long total, Map<String, Long> counts) {

  /** The key of the escalated requests' count. */
  public static final String ESCALATED = "ESCALATED";

  public RequestPage(List<RequestView> items, int page, int size, long total) {
    this(items, page, size, total, Map.of());
  }
}
