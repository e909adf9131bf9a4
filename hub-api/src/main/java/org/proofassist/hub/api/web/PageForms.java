package org.proofassist.hub.api.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.proofassist.hub.api.request.RaiseRequestBody;

/**
 * What the pages' forms send. Each becomes the body the REST endpoint takes (and is checked by the
 * same constraints), then the same command.
 */
public final class PageForms {

  private PageForms() {}

  /** How many name/value rows the reply form offers for facts. */
  static final int FACT_ROWS = 4;

  /**
   * The raise form. {@code otherIdNumbers} is one input holding any number of ID numbers separated
   * by commas, 、 or spaces; {@code idempotencyKey} is made when the form is shown, so that sending
   * the form twice raises one request.
   */
  public record RaiseForm(
      String proofType,
      String name,
      String idNumber,
      String otherIdNumbers,
      String householdDivision,
      String address,
      String matterCode,
      String caseNumber,
      String question,
      String idempotencyKey) {

    static RaiseForm empty(String idempotencyKey) {
      return new RaiseForm(null, null, null, null, null, null, null, null, null, idempotencyKey);
    }

    /** The other ID numbers one by one, as the API's {@code subject.otherIdNumbers}. */
    List<String> otherIdNumberList() {
      if (otherIdNumbers == null || otherIdNumbers.isBlank()) {
        return List.of();
      }
      return Arrays.stream(otherIdNumbers.strip().split("[\\s,，、;；]+"))
          .filter(s -> !s.isBlank())
          .toList();
    }

    /** The body of {@code POST /api/v1/requests} this form stands for. */
    RaiseRequestBody body() {
      return new RaiseRequestBody(
          proofType,
          new RaiseRequestBody.SubjectBody(
              name, idNumber, otherIdNumberList(), householdDivision, address),
          new RaiseRequestBody.MatterBody(matterCode, caseNumber),
          question);
    }
  }

  /** One fact of a reply, as a name/value row. */
  public record FactRow(String name, String value) {}

  /** The reply form: outcome, statement, and facts as name/value rows. */
  public record ReplyForm(String outcome, String statement, List<FactRow> facts) {

    static ReplyForm empty() {
      return new ReplyForm(null, null, rows(null, null));
    }

    /** The rows as sent, padded with empty rows to at least {@value #FACT_ROWS}. */
    static List<FactRow> rows(String[] names, String[] values) {
      List<FactRow> rows = new ArrayList<>();
      int n = Math.max(names == null ? 0 : names.length, values == null ? 0 : values.length);
      for (int i = 0; i < n; i++) {
        rows.add(
            new FactRow(
                names != null && i < names.length ? names[i] : "",
                values != null && i < values.length ? values[i] : ""));
      }
      while (rows.size() < FACT_ROWS) {
        rows.add(new FactRow("", ""));
      }
      return rows;
    }
  }

  /** The decline form: a reason code and the reason. */
  public record DeclineForm(String reasonCode, String reason) {}

  /** The forward form: where to, and why. */
  public record ForwardForm(String to, String reason) {}

  /** A form of one text: a clarification's question or answer, a withdrawal's reason. */
  public record TextForm(String text) {}

  /** The extension form: the new deadline as a local date-time in Asia/Shanghai, and why. */
  public record ExtendForm(String until, String reason) {}
}
