package org.proofassist.hub.projections.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything that happened to one request, in order. */
public record RequestHistory(String id, long version, List<Entry> entries) {

  /**
   * One event.
   *
   * @param sequence the event's sequence number within the request
   * @param type the event's name, such as {@code ReplyIssued}
   * @param data the event's content as stored
   */
  public record Entry(
      long sequence,
      String type,
      Instant at,
      String userId,
      String department,
      String role,
      Map<String, Object> data) {}
}
