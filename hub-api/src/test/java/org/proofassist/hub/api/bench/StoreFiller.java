package org.proofassist.hub.api.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.proofassist.hub.api.bench.RequestLifecycles.Lifecycle;

/**
 * Grows a store through the engine's own {@code appendEvents}, in big calls that each carry the
 * next unit of work (1–3 events) of a few thousand requests in flight. The stored documents are
 * exactly the ones the engine writes for commits of that size, and the requests' commits interleave
 * as they do in a running hub.
 */
final class StoreFiller {

  private final RequestLifecycles lifecycles;
  private final int wave;
  private final List<Lifecycle> inFlight = new ArrayList<>();
  private byte[] committed = new byte[1024];
  private long stored;
  private long calls;

  StoreFiller(RequestLifecycles lifecycles, int wave) {
    this.lifecycles = lifecycles;
    this.wave = wave;
  }

  /** Events this filler has stored. */
  long stored() {
    return stored;
  }

  /** Appends until the filler has stored {@code target} events (or a unit more). */
  BenchResults.Fill fillTo(
      EventStorageEngine engine, long target, Progress progress, long alreadyInStore) {
    long start = System.nanoTime();
    long before = stored;
    long callsBefore = calls;
    while (stored < target) {
      while (inFlight.size() < wave) {
        inFlight.add(lifecycles.next());
      }
      List<EventMessage<?>> round = new ArrayList<>();
      List<Lifecycle> advanced = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (Lifecycle lifecycle : inFlight) {
        if (stored + round.size() >= target) {
          break;
        }
        List<? extends EventMessage<?>> unit = lifecycle.nextUnit();
        round.addAll(unit);
        advanced.add(lifecycle);
        sizes.add(unit.size());
      }
      engine.appendEvents(round);
      calls++;
      for (int i = 0; i < advanced.size(); i++) {
        record(advanced.get(i).index, sizes.get(i));
      }
      stored += round.size();
      inFlight.removeIf(Lifecycle::done);
      progress.tick(
          "fill", alreadyInStore + stored - before, alreadyInStore + target - before, start);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new BenchResults.Fill(
        stored - before, calls - callsBefore, seconds, (stored - before) / seconds);
  }

  private void record(long index, int events) {
    if (index >= committed.length) {
      committed = Arrays.copyOf(committed, (int) Math.max(index + 1, committed.length * 2L));
    }
    committed[(int) index] += (byte) events;
  }

  /** A random request that has at least one commit stored. */
  long randomStoredRequest(SplittableRandom random) {
    long started = lifecycles.started();
    while (true) {
      long index = random.nextLong(started);
      if (committed(index) > 0) {
        return index;
      }
    }
  }

  /** How many events of request {@code index} are stored. */
  int committed(long index) {
    return index < committed.length ? committed[(int) index] : 0;
  }

  String aggregateId(long index) {
    return lifecycles.aggregateId(index);
  }
}
