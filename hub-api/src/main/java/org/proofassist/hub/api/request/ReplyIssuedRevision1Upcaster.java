package org.proofassist.hub.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.proofassist.hub.core.request.ReplyIssued;

/**
 * Reads {@link ReplyIssued} of revision 1, stored before late replies were marked: such a reply was
 * not late (no request could time out then).
 */
public final class ReplyIssuedRevision1Upcaster extends SingleEventUpcaster {

  private static final SimpleSerializedType REVISION_1 =
      new SimpleSerializedType(ReplyIssued.class.getName(), "1");
  private static final SimpleSerializedType REVISION_2 =
      new SimpleSerializedType(ReplyIssued.class.getName(), "2");

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    return representation.getType().equals(REVISION_1);
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    return representation.upcastPayload(
        REVISION_2, JsonNode.class, ReplyIssuedRevision1Upcaster::upcast);
  }

  static JsonNode upcast(JsonNode payload) {
    ObjectNode event = ((ObjectNode) payload).deepCopy();
    event.put("late", false);
    return event;
  }
}
