package org.proofassist.hub.api.bench;

import org.axonframework.serialization.Revision;

/**
 * The payload of a benchmark event: the fields a verification request event carries, flattened to
 * strings, about 400 bytes as JSON. The benchmark stores and reads these through the same Jackson
 * serializer the hub uses, so serialization costs what it costs in the hub.
 *
 * @param requestId the aggregate id
 * @param event the lifecycle stage (the hub's event class name)
 * @param proofType 证明事项 code
 * @param issuingDepartment 出具部门
 * @param subject the citizen, masked
 * @param matter what the proof is for
 * @param actor who did it
 * @param at when (from the simulated clock)
 * @param dueAt when the answer is due
 * @param note free text
 */
@Revision("1")
public record BenchRequestEvent(
    String requestId,
    String event,
    String proofType,
    String issuingDepartment,
    String subject,
    String matter,
    String actor,
    String at,
    String dueAt,
    String note) {}
