package org.proofassist.hub.api.mongo.eventstore;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Durability by group commit: everybody released, by fewer commits, never too early. */
class GroupCommitTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void concurrentCallersAreAllReleasedByFewerCommitsThanCalls() throws Exception {
    CountDownLatch firstCommitRunning = new CountDownLatch(1);
    CountDownLatch finishFirstCommit = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Runnable commit =
        () -> {
          if (runs.incrementAndGet() == 1) {
            firstCommitRunning.countDown();
            awaitLatch(finishFirstCommit);
          }
        };
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger released = new AtomicInteger();

    try (GroupCommit group = new GroupCommit(commit)) {
      Thread first = caller(group, released, failures);
      first.start();
      awaitLatch(firstCommitRunning);
      List<Thread> later = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        later.add(caller(group, released, failures));
      }
      later.forEach(Thread::start);
      awaitUntil(
          "15 callers waiting for the next commit",
          () -> later.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
      finishFirstCommit.countDown();
      first.join(PATIENCE.toMillis());
      for (Thread t : later) {
        t.join(PATIENCE.toMillis());
      }

      assertThat(failures).isEmpty();
      assertThat(released).hasValue(16);
      assertThat(runs).hasValue(2);
      assertThat(group.commits()).isEqualTo(2);
    }
  }

  @Test
  void aCallReturnsOnlyAfterACommitThatStartedAfterTheCallHasCompleted() throws Exception {
    AtomicLong ticks = new AtomicLong();
    List<long[]> commits = new CopyOnWriteArrayList<>();
    List<long[]> calls = new CopyOnWriteArrayList<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Runnable commit =
        () -> {
          long started = ticks.incrementAndGet();
          sleep(Duration.ofMillis(1));
          commits.add(new long[] {started, ticks.incrementAndGet()});
        };

    try (GroupCommit group = new GroupCommit(commit)) {
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        callers.add(
            new Thread(
                () -> {
                  try {
                    for (int call = 0; call < 30; call++) {
                      long called = ticks.incrementAndGet();
                      group.awaitDurable();
                      calls.add(new long[] {called, ticks.incrementAndGet()});
                    }
                  } catch (RuntimeException | Error e) {
                    failures.add(e);
                  }
                }));
      }
      callers.forEach(Thread::start);
      for (Thread t : callers) {
        t.join(PATIENCE.toMillis());
      }
    }

    assertThat(failures).isEmpty();
    assertThat(calls).hasSize(240);
    assertThat(calls)
        .allSatisfy(
            call ->
                assertThat(commits)
                    .as(
                        "a commit started after tick %d and finished before tick %d",
                        call[0], call[1])
                    .anyMatch(c -> c[0] > call[0] && c[1] < call[1]));
    assertThat(commits.size()).isLessThan(240);
  }

  @Test
  void aCommitThatAlwaysFailsMakesEveryCallThrow() {
    try (GroupCommit group =
        new GroupCommit(
            () -> {
              throw new IllegalStateException("disk full");
            })) {

      assertThatThrownBy(group::awaitDurable)
          .isInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("disk full");
      assertThatThrownBy(group::awaitDurable)
          .isInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("disk full");
    }
  }

  @Test
  void afterAFailedCommitCallsKeepThrowingEvenWhenTheStoreRecovers() {
    AtomicBoolean failing = new AtomicBoolean(true);
    AtomicInteger runs = new AtomicInteger();
    try (GroupCommit group =
        new GroupCommit(
            () -> {
              runs.incrementAndGet();
              if (failing.get()) {
                throw new IllegalStateException("disk full");
              }
            })) {
      assertThatThrownBy(group::awaitDurable).isInstanceOf(IllegalStateException.class);
      failing.set(false);

      assertThatThrownBy(group::awaitDurable)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not make the write durable")
          .hasRootCauseMessage("disk full");
      assertThat(runs.get()).isGreaterThan(3);
    }
  }

  @Test
  void aClosedGroupCommitRefusesNewCalls() {
    GroupCommit group = new GroupCommit(() -> {});
    group.awaitDurable();
    group.close();

    assertThatThrownBy(group::awaitDurable)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shutting down");
  }

  private static Thread caller(
      GroupCommit group, AtomicInteger released, ConcurrentLinkedQueue<Throwable> failures) {
    return new Thread(
        () -> {
          try {
            group.awaitDurable();
            released.incrementAndGet();
          } catch (RuntimeException | Error e) {
            failures.add(e);
          }
        });
  }

  private static void awaitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting for " + what);
      }
      sleep(Duration.ofMillis(20));
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(PATIENCE.toSeconds(), SECONDS)) {
        throw new IllegalStateException("latch not released within " + PATIENCE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
