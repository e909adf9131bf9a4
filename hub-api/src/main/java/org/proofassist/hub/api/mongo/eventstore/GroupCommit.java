package org.proofassist.hub.api.mongo.eventstore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durability by group commit: every caller waits for a commit that started after its call, and one
 * commit serves everybody waiting at that moment. Under load, a commit covers many appends, so
 * durability costs one disk sync per batch instead of one per command.
 */
public final class GroupCommit implements Durability, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private final Runnable commit;
  private final Object lock = new Object();
  private final Thread committer;
  private long requested;
  private long completed;
  private long commits;
  private RuntimeException failure;
  private boolean closed;

  /**
   * @param commit writes everything acknowledged so far to disk
   */
  public GroupCommit(Runnable commit) {
    this.commit = commit;
    this.committer = new Thread(this::run, "event-store-group-commit");
    committer.setDaemon(true);
    committer.start();
  }

  @Override
  public void awaitDurable() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the event store is shutting down");
      }
      long ticket = ++requested;
      lock.notifyAll();
      boolean interrupted = false;
      while (completed < ticket && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (completed < ticket) {
        throw new IllegalStateException("the event store shut down before the write was durable");
      }
      if (failure != null) {
        throw new IllegalStateException(
            "the event store could not make the write durable", failure);
      }
    }
  }

  @Override
  public void requireHealthy() {
    synchronized (lock) {
      if (failure != null) {
        throw new IllegalStateException(
            "the event store can no longer make writes durable", failure);
      }
      if (closed) {
        throw new IllegalStateException("the event store is shutting down");
      }
    }
  }

  /** How many commits have run: with concurrent appends, fewer than the appends. */
  public long commits() {
    synchronized (lock) {
      return commits;
    }
  }

  private void run() {
    while (true) {
      long target;
      synchronized (lock) {
        while (requested == completed && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed && requested == completed) {
          return;
        }
        target = requested;
      }
      RuntimeException outcome;
      try {
        outcome = commitWithRetries();
      } catch (Error fatal) {
        outcome = new IllegalStateException("the commit thread failed", fatal);
      }
      synchronized (lock) {
        completed = target;
        commits++;
        if (outcome != null && failure == null) {
          // Sticky: once the store cannot commit, nothing more is acknowledged as durable.
          failure = outcome;
        }
        lock.notifyAll();
      }
    }
  }

  private RuntimeException commitWithRetries() {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        commit.run();
        return null;
      } catch (RuntimeException e) {
        last = e;
        log.error("Group commit failed (attempt {} of 3)", attempt, e);
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return e;
        }
      }
    }
    return last;
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      committer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
