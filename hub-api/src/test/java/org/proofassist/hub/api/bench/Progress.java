package org.proofassist.hub.api.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Progress lines on stderr: where the run is, and a bar for the long steps. */
final class Progress {

  private static final long TICK_NANOS = 3_000_000_000L;

  private final PrintStream out = System.err;
  private final long start = System.nanoTime();
  private String context = "";
  private long lastTick;

  void context(String context) {
    this.context = context;
  }

  void line(String format, Object... args) {
    out.printf(
        Locale.ROOT,
        "[%s load %s] %s %s%n",
        elapsed(),
        loadAverage(),
        context,
        String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** A bar, at most every few seconds. */
  void tick(String what, long done, long total, long stepStartNanos) {
    long now = System.nanoTime();
    if (now - lastTick < TICK_NANOS && done < total) {
      return;
    }
    lastTick = now;
    double fraction = total == 0 ? 1 : Math.min(1, done / (double) total);
    int filled = (int) Math.round(fraction * 30);
    double seconds = (now - stepStartNanos) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta =
        rate > 0 && done < total
            ? String.format(Locale.ROOT, ", eta %.0f s", (total - done) / rate)
            : "";
    line(
        "%s [%s%s] %3.0f%% %,d/%,d, %,.0f/s%s",
        what, "#".repeat(filled), ".".repeat(30 - filled), fraction * 100, done, total, rate, eta);
  }

  /** Time since the run started, for the log and the result file. */
  String elapsed() {
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }

  /** The one-minute load average: other work on the machine distorts the figures. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
