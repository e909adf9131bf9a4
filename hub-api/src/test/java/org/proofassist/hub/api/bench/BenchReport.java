package org.proofassist.hub.api.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.proofassist.hub.api.bench.BenchResults.Append;
import org.proofassist.hub.api.bench.BenchResults.Cell;
import org.proofassist.hub.api.bench.BenchResults.Target;

/** Targets and the Markdown report. */
final class BenchReport {

  static final double LOAD_P99_TARGET_MS = 5;
  static final double TRACKING_VS_RAW_TARGET = 0.60;
  static final double FLATNESS_TARGET = 2;
  static final long TARGET_SIZE = 1_000_000;

  private BenchReport() {}

  /**
   * The targets, for every engine on every backend (the ones that count are on the on-disk
   * backend): at the largest size, aggregate load p99 under 5 ms and tracking at 60 % of the raw
   * {@code _id $in} read or more; from the smallest to the largest size, load latency and tracking
   * rate within 2×.
   */
  static List<Target> targets(List<Cell> cells) {
    List<Target> targets = new ArrayList<>();
    for (Map.Entry<String, List<Cell>> run : byRun(cells).entrySet()) {
      List<Cell> sizes = run.getValue();
      Cell smallest = sizes.get(0);
      Cell largest = sizes.get(sizes.size() - 1);
      String at =
          largest.events() >= TARGET_SIZE
              ? ""
              : " (at " + count(largest.events()) + "; the target is set at 1,000,000)";
      targets.add(
          new Target(
              largest.backend(),
              largest.engine(),
              "aggregate load p99 < 5 ms" + at,
              ms(largest.load().p99Ms()) + " ms",
              largest.load().p99Ms() < LOAD_P99_TARGET_MS));
      double trackingRatio = largest.ratios().trackingVsRawIdIn();
      targets.add(
          new Target(
              largest.backend(),
              largest.engine(),
              "tracking ≥ 60 % of raw `_id $in` read" + at,
              percent(trackingRatio)
                  + " ("
                  + count(largest.tracking().eventsPerSecond())
                  + " of "
                  + count(largest.rawIdIn().eventsPerSecond())
                  + " events/s)",
              trackingRatio >= TRACKING_VS_RAW_TARGET));
      if (sizes.size() > 1) {
        String span = count(smallest.events()) + " → " + count(largest.events());
        double p50 = largest.load().p50Ms() / smallest.load().p50Ms();
        double p99 = largest.load().p99Ms() / smallest.load().p99Ms();
        targets.add(
            new Target(
                largest.backend(),
                largest.engine(),
                "aggregate load flat within 2× (p50 and p99), " + span,
                String.format(
                    Locale.ROOT,
                    "p50 %s → %s ms (%.1f×), p99 %s → %s ms (%.1f×)",
                    ms(smallest.load().p50Ms()),
                    ms(largest.load().p50Ms()),
                    p50,
                    ms(smallest.load().p99Ms()),
                    ms(largest.load().p99Ms()),
                    p99),
                p50 <= FLATNESS_TARGET && p99 <= FLATNESS_TARGET));
        double tracking =
            smallest.tracking().eventsPerSecond() / largest.tracking().eventsPerSecond();
        targets.add(
            new Target(
                largest.backend(),
                largest.engine(),
                "tracking flat within 2×, " + span,
                String.format(
                    Locale.ROOT,
                    "%s → %s events/s (slowdown %.1f×)",
                    count(smallest.tracking().eventsPerSecond()),
                    count(largest.tracking().eventsPerSecond()),
                    tracking),
                tracking <= FLATNESS_TARGET));
      }
    }
    return targets;
  }

  private static Map<String, List<Cell>> byRun(List<Cell> cells) {
    Map<String, List<Cell>> runs = new LinkedHashMap<>();
    for (Cell cell : cells) {
      runs.computeIfAbsent(cell.backend() + "/" + cell.engine(), k -> new ArrayList<>()).add(cell);
    }
    runs.values().forEach(list -> list.sort(Comparator.comparingLong(Cell::events)));
    return runs;
  }

  static String markdown(BenchResults results) {
    StringBuilder md = new StringBuilder();
    List<Integer> threadCounts =
        results.cells().isEmpty()
            ? List.of()
            : results.cells().get(0).append().stream().map(Append::threads).toList();
    md.append("### Event store benchmark\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Embedded mongo-java-server 1.47 over TCP, MongoDB Java driver; payload %.0f bytes of"
                + " JSON per event (mean); %s cores; run took %.0f s.%n%n",
            results.payloadJsonBytes(),
            results.machine().get("cores"),
            results.runSeconds()));
    md.append("#### What the engines do\n\n");
    md.append("| backend | engine | events | ");
    for (int threads : threadCounts) {
      md.append("append ev/s ").append(threads).append(" thr (p50 / p99 ms) | ");
    }
    md.append("load p50 ms | load p99 ms | loads | tracking ev/s | tracking read | fill ev/s |\n");
    md.append("|---|---|---:|").append("---:|".repeat(threadCounts.size()));
    md.append("---:|---:|---:|---:|---|---:|\n");
    for (Cell cell : results.cells()) {
      md.append("| ")
          .append(cell.backend())
          .append(" | ")
          .append(cell.engine())
          .append(" | ")
          .append(count(cell.events()))
          .append(" | ");
      for (Append append : cell.append()) {
        md.append(count(append.eventsPerSecond()))
            .append(" (")
            .append(ms(append.p50Ms()))
            .append(" / ")
            .append(ms(append.p99Ms()))
            .append(") | ");
      }
      md.append(ms(cell.load().p50Ms()))
          .append(" | ")
          .append(ms(cell.load().p99Ms()))
          .append(" | ")
          .append(cell.load().samples())
          .append(
              cell.load().wrongEventCounts() > 0
                  ? " (" + cell.load().wrongEventCounts() + " WRONG)"
                  : "")
          .append(" | ")
          .append(count(cell.tracking().eventsPerSecond()))
          .append(" | ")
          .append(count(cell.tracking().events()))
          .append(
              cell.tracking().reachedEnd()
                  ? " (all)"
                  : String.format(Locale.ROOT, " in %.0f s", cell.tracking().seconds()))
          .append(" | ")
          .append(cell.fill().eventsAdded() == 0 ? "–" : count(cell.fill().eventsPerSecond()))
          .append(" |\n");
    }
    md.append("\n#### Against the limits (the driver alone, same server, same run)\n\n");
    md.append(
        "| backend | engine | events | raw `_id $in` docs/s | raw `_id $in` ev/s | tracking ÷"
            + " raw | raw tracking-shape ev/s | raw insert docs/s (100/call) | append ÷ raw"
            + " insert | raw insert docs/s (1 unit/call) | append ÷ that |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Cell cell : results.cells()) {
      boolean durable =
          cell.rawInsert().unitOfWorkWithCommitDocsPerSecond() != null
              && cell.appendWithoutDurability() != null;
      double unitLimit =
          durable
              ? cell.rawInsert().unitOfWorkWithCommitDocsPerSecond()
              : cell.rawInsert().unitOfWorkDocsPerSecond();
      md.append("| ")
          .append(cell.backend())
          .append(" | ")
          .append(cell.engine())
          .append(" | ")
          .append(count(cell.events()))
          .append(" | ")
          .append(count(cell.rawIdIn().documentsPerSecond()))
          .append(" | ")
          .append(count(cell.rawIdIn().eventsPerSecond()))
          .append(" | ")
          .append(percent(cell.ratios().trackingVsRawIdIn()))
          .append(" | ")
          .append(
              cell.rawTrackingShape() == null
                  ? "–"
                  : count(cell.rawTrackingShape().eventsPerSecond()))
          .append(" | ")
          .append(count(cell.rawInsert().batchOf100DocsPerSecond()))
          .append(" | ")
          .append(percent(cell.ratios().appendVsRawInsert()))
          .append(" | ")
          .append(count(unitLimit))
          .append(durable ? " (+commit)" : "")
          .append(" | ")
          .append(percent(cell.ratios().appendVsRawUnitInsert()))
          .append(" |\n");
    }
    if (!results.concurrency().isEmpty()) {
      md.append("\n#### Concurrent appends (after the largest size)\n\n");
      md.append(
          "| backend | engine | events in store | threads | append ev/s | p50 / p99 ms | failed"
              + " appends | disk commits per append | overlapping commits |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (BenchResults.Concurrency run : results.concurrency()) {
        Append append = run.append();
        md.append("| ")
            .append(run.backend())
            .append(" | ")
            .append(run.engine())
            .append(" | ")
            .append(count(run.eventsInStore()))
            .append(" | ")
            .append(append.threads())
            .append(" | ")
            .append(count(append.eventsPerSecond()))
            .append(" | ")
            .append(ms(append.p50Ms()))
            .append(" / ")
            .append(ms(append.p99Ms()))
            .append(" | ")
            .append(count(append.failedUnits()))
            .append(" of ")
            .append(count(append.units() + append.failedUnits()))
            .append(" | ")
            .append(
                append.diskCommits() == null || append.units() == 0
                    ? "–"
                    : String.format(
                        Locale.ROOT, "%.2f", append.diskCommits() / (double) append.units()))
            .append(" | ")
            .append(run.positions() == null ? "–" : count(run.positions().overlaps()))
            .append(" |\n");
      }
    }
    md.append("\n#### Durability of the appends\n\n");
    Map<String, String> durability = new LinkedHashMap<>();
    for (Cell cell : results.cells()) {
      StringBuilder line = new StringBuilder(cell.durability());
      if (cell.appendWithoutDurability() != null) {
        line.append("; without it (same store, 1 thread): ")
            .append(count(cell.appendWithoutDurability().eventsPerSecond()))
            .append(" ev/s at ")
            .append(count(cell.events()));
      }
      durability.merge(cell.backend() + " / " + cell.engine(), line.toString(), (a, b) -> b);
    }
    durability.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append(
        "\n#### Targets\n\n| backend | engine | target | measured | met |\n|---|---|---|---|---|\n");
    for (Target target : results.targets()) {
      md.append("| ")
          .append(target.backend())
          .append(" | ")
          .append(target.engine())
          .append(" | ")
          .append(target.target())
          .append(" | ")
          .append(target.measured())
          .append(" | ")
          .append(target.met() ? "yes" : "**no**")
          .append(" |\n");
    }
    if (!results.notes().isEmpty()) {
      md.append("\n#### Notes\n\n");
      results.notes().forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String count(double value) {
    if (value >= 100 || value == 0) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }

  static String ms(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String percent(Double ratio) {
    if (ratio == null) {
      return "–";
    }
    return ratio >= 0.1
        ? String.format(Locale.ROOT, "%.0f %%", ratio * 100)
        : String.format(Locale.ROOT, "%.2f %%", ratio * 100);
  }
}
