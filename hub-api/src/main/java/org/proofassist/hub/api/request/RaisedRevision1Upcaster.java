package org.proofassist.hub.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.request.VerificationRequestRaised;

/**
 * Reads {@link VerificationRequestRaised} of revision 1, stored before service levels were counted
 * in office time: its {@code serviceLevelHours} becomes a service level (whole days of 24 hours as
 * working days, anything else as working hours) and the escalation grace the catalogue's default of
 * one working day. The stored {@code dueAt} is kept as it was decided.
 */
public final class RaisedRevision1Upcaster extends SingleEventUpcaster {

  private static final SimpleSerializedType REVISION_1 =
      new SimpleSerializedType(VerificationRequestRaised.class.getName(), "1");
  private static final SimpleSerializedType REVISION_2 =
      new SimpleSerializedType(VerificationRequestRaised.class.getName(), "2");

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    return representation.getType().equals(REVISION_1);
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    return representation.upcastPayload(
        REVISION_2, JsonNode.class, RaisedRevision1Upcaster::upcast);
  }

  static JsonNode upcast(JsonNode payload) {
    ObjectNode event = ((ObjectNode) payload).deepCopy();
    JsonNode hours = event.remove("serviceLevelHours");
    int h = hours == null ? 24 : hours.asInt(24);
    ServiceLevel level =
        h % 24 == 0 ? ServiceLevel.workingDays(h / 24) : ServiceLevel.workingHours(Math.max(1, h));
    event.put("serviceLevel", level.toString());
    event.put("escalationGrace", ServiceLevel.workingDays(1).toString());
    return event;
  }
}
