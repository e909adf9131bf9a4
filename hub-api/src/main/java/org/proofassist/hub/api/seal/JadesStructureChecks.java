package org.proofassist.hub.api.seal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * DSS checks every JAdES structure it parses (when sealing and when verifying) against its JSON
 * schemas with json-sKema 0.28, whose validator keeps its state in the shared schema visitor and is
 * not thread-safe (erosb/json-sKema#209): two checks at once fail with an {@code
 * IllegalStateException}, which made a reply fail to seal, or a good seal read as malformed, when
 * two officers replied at the same moment (found by the replay benchmark's load). No json-sKema
 * release with the fix is served here, so every DSS call that parses a JAdES document runs here,
 * one at a time. PAdES letters are not affected.
 */
final class JadesStructureChecks {

  private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

  private JadesStructureChecks() {}

  /** Runs a DSS call that parses a JAdES document, after any other such call has finished. */
  static <T> T oneAtATime(Supplier<T> call) {
    ONE_AT_A_TIME.lock();
    try {
      return call.get();
    } finally {
      ONE_AT_A_TIME.unlock();
    }
  }
}
