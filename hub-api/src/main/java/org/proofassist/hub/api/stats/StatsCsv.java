package org.proofassist.hub.api.stats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statistics as CSV (RFC 4180): UTF-8 with a byte-order mark, so that Excel shows the Chinese
 * names; a header line with the JSON field names, then one line per row; lines end in CRLF.
 */
final class StatsCsv {

  static final List<String> HEADER =
      List.of(
          "period",
          "total",
          "group",
          "groupName",
          "volume",
          "answered",
          "answeredOnTime",
          "onTimeShare",
          "medianResponseSeconds",
          "p90ResponseSeconds",
          "lateReplies",
          "escalated",
          "timedOut",
          "declined",
          "commitments",
          "withdrawn",
          "open");

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private StatsCsv() {}

  static byte[] write(StatsReport report) {
    StringBuilder text = new StringBuilder();
    line(text, HEADER);
    for (StatsReport.Row row : report.rows()) {
      List<String> cells = new ArrayList<>(HEADER.size());
      cells.add(row.period());
      cells.add(String.valueOf(row.total()));
      cells.add(row.group());
      cells.add(row.groupName());
      cells.add(String.valueOf(row.volume()));
      cells.add(String.valueOf(row.answered()));
      cells.add(String.valueOf(row.answeredOnTime()));
      cells.add(
          row.onTimeShare() == null ? null : String.format(Locale.ROOT, "%.4f", row.onTimeShare()));
      cells.add(
          row.medianResponseSeconds() == null ? null : row.medianResponseSeconds().toString());
      cells.add(row.p90ResponseSeconds() == null ? null : row.p90ResponseSeconds().toString());
      cells.add(String.valueOf(row.lateReplies()));
      cells.add(String.valueOf(row.escalated()));
      cells.add(String.valueOf(row.timedOut()));
      cells.add(String.valueOf(row.declined()));
      cells.add(String.valueOf(row.commitments()));
      cells.add(String.valueOf(row.withdrawn()));
      cells.add(String.valueOf(row.open()));
      line(text, cells);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(BOM);
    bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  private static void line(StringBuilder text, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(cell(cells.get(i)));
    }
    text.append("\r\n");
  }

  /**
   * A cell, quoted when it holds a comma, quote or line break; a text that a spreadsheet would take
   * for a formula ({@code = + - @}) is prefixed with an apostrophe. Empty for {@code null}.
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = value;
    if ("=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
