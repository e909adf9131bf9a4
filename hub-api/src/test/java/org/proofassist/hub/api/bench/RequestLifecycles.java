package org.proofassist.hub.api.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Makes the benchmark's events: verification requests of six events each (raised, routed,
 * dispatched, accepted, reply issued, reply acknowledged), appended in units of work of one to
 * three events. Everything is derived from a seed, so every engine gets the same events.
 *
 * <p>Event timestamps come from a simulated clock that advances a fixed step per event (default 100
 * ms, a busy hub), not from the wall clock: filling a million events in a minute would otherwise
 * put thousands of events into one second, which no hub does and which would inflate the known-id
 * list of {@code axon-mongo}'s timestamp-based tracking token.
 */
final class RequestLifecycles {

  static final String AGGREGATE_TYPE = "VerificationRequest";
  static final int EVENTS_PER_REQUEST = 6;

  private static final String[] STAGES = {
    "VerificationRequestRaised",
    "RequestRouted",
    "RequestDispatched",
    "RequestAccepted",
    "ReplyIssued",
    "ReplyAcknowledged"
  };
  private static final String[] PROOF_TYPES = {
    "proof.household-registration", "proof.no-criminal-record", "proof.marital-status",
    "proof.social-insurance-payment", "proof.property-ownership", "proof.education-record"
  };
  private static final String[] MATTERS = {
    "户籍关系证明，用于办理婚姻登记", "无犯罪记录证明，用于入职审查", "社会保险缴纳证明，用于购房资格审核", "不动产权属证明，用于子女入学", "学历证明，用于职称评审"
  };
  private static final String NOTE =
      "Checked against the register; details as recorded on the date of the request. "
          + "Reply sealed by the issuing department.";

  private final long seed;
  private final long idNamespace;
  private final AtomicLong nextIndex = new AtomicLong();
  private final AtomicLong clockMillis;
  private final long stepMillis;

  /**
   * @param seed the seed all content is derived from
   * @param idNamespace distinguishes the aggregates of one generator from another's
   * @param clockMillis the simulated clock, shared by the generators of one store
   * @param stepMillis how far the clock advances per event
   */
  RequestLifecycles(long seed, long idNamespace, AtomicLong clockMillis, long stepMillis) {
    this.seed = seed;
    this.idNamespace = idNamespace;
    this.clockMillis = clockMillis;
    this.stepMillis = stepMillis;
  }

  /** A new request, with its units of work decided. Thread-safe. */
  Lifecycle next() {
    long index = nextIndex.getAndIncrement();
    SplittableRandom random = new SplittableRandom(mix(seed + mix(idNamespace ^ index)));
    List<Integer> units = new ArrayList<>();
    int left = EVENTS_PER_REQUEST;
    while (left > 0) {
      int unit = Math.min(left, 1 + random.nextInt(3));
      units.add(unit);
      left -= unit;
    }
    return new Lifecycle(
        index,
        new UUID(idNamespace, index).toString(),
        units.stream().mapToInt(Integer::intValue).toArray(),
        random);
  }

  /** How many requests were started. */
  long started() {
    return nextIndex.get();
  }

  /** The id of the request with this index. */
  String aggregateId(long index) {
    return new UUID(idNamespace, index).toString();
  }

  /** One request's life: its units of work in order. Not thread-safe. */
  final class Lifecycle {
    final long index;
    final String aggregateId;
    private final int[] units;
    private final SplittableRandom random;
    private int nextUnit;
    private int nextSequence;

    private Lifecycle(long index, String aggregateId, int[] units, SplittableRandom random) {
      this.index = index;
      this.aggregateId = aggregateId;
      this.units = units;
      this.random = random;
    }

    boolean done() {
      return nextUnit == units.length;
    }

    /** The events of the next unit of work (one to three). */
    List<DomainEventMessage<?>> nextUnit() {
      int size = units[nextUnit++];
      List<DomainEventMessage<?>> events = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        events.add(event(nextSequence++));
      }
      return events;
    }

    private DomainEventMessage<?> event(int sequence) {
      Instant at = Instant.ofEpochMilli(clockMillis.addAndGet(stepMillis));
      String department = "dept." + (330100 + random.nextInt(90));
      BenchRequestEvent payload =
          new BenchRequestEvent(
              aggregateId,
              STAGES[sequence % STAGES.length],
              PROOF_TYPES[random.nextInt(PROOF_TYPES.length)],
              department + ".public-security",
              "张*" + (char) ('伟' + random.nextInt(64)),
              MATTERS[random.nextInt(MATTERS.length)],
              "clerk-" + random.nextInt(10_000) + "@" + department,
              at.toString(),
              at.plusSeconds(72 * 3600).toString(),
              NOTE.substring(0, 10 + random.nextInt(40)));
      Map<String, Object> metaData =
          Map.of(
              "traceId", uuid(random),
              "correlationId", uuid(random),
              "actor", payload.actor());
      return new GenericDomainEventMessage<>(
          AGGREGATE_TYPE, aggregateId, sequence, payload, metaData, uuid(random), at);
    }
  }

  /**
   * Scrambles a seed (Stafford's mix 13). Seeds that differ by a multiple of SplittableRandom's own
   * increment would give overlapping streams, and so the same "random" message ids.
   */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
