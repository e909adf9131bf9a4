package org.proofassist.hub.core.request;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The issuing unit answers with a reply sealed by its department. */
public record IssueReply(
    @TargetAggregateIdentifier RequestId requestId,
    ReplyOutcome outcome,
    String statement,
    Map<String, String> facts,
    Actor actor) {}
