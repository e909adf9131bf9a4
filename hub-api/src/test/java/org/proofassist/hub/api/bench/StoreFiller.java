package org.proofassist.hub.api.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.proofassist.hub.api.bench.RequestLifecycles.Lifecycle;

/**
 * Grows a store through the engine's own {@code appendEvents}, in big calls that each carry the
 * next unit of work (1–3 events) of a few thousand requests in flight. The stored documents are
 * exactly the ones the engine writes for commits of that size, and the requests' commits interleave
 * as they do in a running hub. A few filling threads overlap their round trips.
 */
final class StoreFiller {

  private final RequestLifecycles lifecycles;
  private final List<List<Lifecycle>> inFlight = new ArrayList<>();
  private final int wavePerThread;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private byte[] committed = new byte[1024];

  StoreFiller(RequestLifecycles lifecycles, int wave, int threads) {
    this.lifecycles = lifecycles;
    this.wavePerThread = Math.max(1, wave / threads);
    for (int t = 0; t < threads; t++) {
      inFlight.add(new ArrayList<>());
    }
  }

  /** Events this filler has stored. */
  long stored() {
    return stored.get();
  }

  /** Appends until the filler has stored {@code target} events (or a few more). */
  BenchResults.Fill fillTo(EventStorageEngine engine, long target, Progress progress) {
    long start = System.nanoTime();
    long before = stored.get();
    long callsBefore = calls.get();
    AtomicLong reserved = new AtomicLong(before);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (List<Lifecycle> mine : inFlight) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  fill(engine, target, mine, reserved, progress, before, start);
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-fill-" + workers.size());
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while filling", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long added = stored.get() - before;
    return new BenchResults.Fill(added, calls.get() - callsBefore, seconds, added / seconds);
  }

  private void fill(
      EventStorageEngine engine,
      long target,
      List<Lifecycle> mine,
      AtomicLong reserved,
      Progress progress,
      long before,
      long start) {
    while (true) {
      while (mine.size() < wavePerThread) {
        mine.add(lifecycles.next());
      }
      // Claim room for this round first, so that the threads together stop at the target.
      long claimed;
      long room;
      do {
        claimed = reserved.get();
        room = Math.min(target - claimed, 3L * mine.size());
      } while (room > 0 && !reserved.compareAndSet(claimed, claimed + room));
      List<EventMessage<?>> round = new ArrayList<>();
      List<Lifecycle> advanced = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (Lifecycle lifecycle : mine) {
        if (round.size() >= room) {
          break;
        }
        List<? extends EventMessage<?>> unit = lifecycle.nextUnit();
        round.addAll(unit);
        advanced.add(lifecycle);
        sizes.add(unit.size());
      }
      if (round.isEmpty()) {
        return;
      }
      reserved.addAndGet(round.size() - room);
      engine.appendEvents(round);
      calls.incrementAndGet();
      synchronized (this) {
        for (int i = 0; i < advanced.size(); i++) {
          record(advanced.get(i).index, sizes.get(i));
        }
        progress.tick("fill", stored.addAndGet(round.size()) - before, target - before, start);
      }
      mine.removeIf(Lifecycle::done);
    }
  }

  private void record(long index, int events) {
    if (index >= committed.length) {
      committed = Arrays.copyOf(committed, (int) Math.max(index + 1, committed.length * 2L));
    }
    committed[(int) index] += (byte) events;
  }

  /** A random request that has at least one commit stored. */
  synchronized long randomStoredRequest(SplittableRandom random) {
    long started = lifecycles.started();
    while (true) {
      long index = random.nextLong(started);
      if (committed(index) > 0) {
        return index;
      }
    }
  }

  /** How many events of request {@code index} are stored. */
  synchronized int committed(long index) {
    return index < committed.length ? committed[(int) index] : 0;
  }

  String aggregateId(long index) {
    return lifecycles.aggregateId(index);
  }
}
