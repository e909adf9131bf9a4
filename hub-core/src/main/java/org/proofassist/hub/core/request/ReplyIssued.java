package org.proofassist.hub.core.request;

import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.seal.StampedReply;

/**
 * The issuing unit answered with a reply sealed by its department (出具回复).
 *
 * @param late whether the request had timed out before the reply came: still accepted, and shown to
 *     the window as late (revision 1 lacks it: not late)
 */
@Revision("2")
public record ReplyIssued(
    RequestId requestId,
    DepartmentId unit,
    ReplyOutcome outcome,
    String statement,
    Map<String, String> facts,
    StampedReply stampedReply,
    boolean late,
    Actor actor,
    Instant at)
    implements RequestEvent {}
