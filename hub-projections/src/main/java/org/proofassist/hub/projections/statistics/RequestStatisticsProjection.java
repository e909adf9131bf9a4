package org.proofassist.hub.projections.statistics;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.CommitmentAccepted;
import org.proofassist.hub.core.request.DeadlineExtended;
import org.proofassist.hub.core.request.DeadlineRecomputed;
import org.proofassist.hub.core.request.DeadlineResumed;
import org.proofassist.hub.core.request.ReplyIssued;
import org.proofassist.hub.core.request.RequestAwaitingDispatch;
import org.proofassist.hub.core.request.RequestDeclined;
import org.proofassist.hub.core.request.RequestDispatched;
import org.proofassist.hub.core.request.RequestEscalated;
import org.proofassist.hub.core.request.RequestEvent;
import org.proofassist.hub.core.request.RequestForwarded;
import org.proofassist.hub.core.request.RequestRouted;
import org.proofassist.hub.core.request.RequestTimedOut;
import org.proofassist.hub.core.request.RequestWithdrawn;
import org.proofassist.hub.core.request.VerificationRequestRaised;
import org.proofassist.hub.projections.batch.ProjectionBatch;
import org.proofassist.hub.projections.batch.VersionedWrites;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The statistics of the requests (issue #5): per department or proof type, per day or month.
 *
 * <p>Keeps two collections, both read and written by {@code _id} only:
 *
 * <ul>
 *   <li>{@value #FACTS}: one {@link RequestFacts} document per request, {@code _id} = request id,
 *       changed by each event that matters to the figures and guarded by the event's sequence
 *       number, so an event delivered twice changes nothing the second time;
 *   <li>{@value #DAYS}: for each day (Asia/Shanghai) on which requests were raised, {@value
 *       #SHARDS} documents {@code yyyy-MM-dd:NN} whose {@code entries} map each request raised that
 *       day (spread by its id's hash) to the few values the figures are computed from. An entry is
 *       derived from the request's facts and set whole, so writing it again is harmless.
 * </ul>
 *
 * <p>A query reads the day documents of its range by {@code _id $in} (at most {@value
 * FindStatistics#MAX_DAYS} days × {@value #SHARDS}) and computes the figures in memory with exact
 * order statistics; it never scans the collection, so its cost grows with the requests in the range
 * and not with the history kept. No secondary index is needed, on the embedded server (which
 * answers from its {@code _id} index only) or on MongoDB.
 */
@ProcessingGroup(RequestStatisticsProjection.PROCESSING_GROUP)
public class RequestStatisticsProjection {

  public static final String PROCESSING_GROUP = "request-statistics";
  public static final String FACTS = "request_facts";
  public static final String DAYS = "request_stats_days";

  /** Days and months are those of the hub's users: China Standard Time. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** How many documents hold one day's entries; keeps each small and its updates cheap. */
  public static final int SHARDS = 16;

  /** Group of a request that no department has held yet (its routing not yet seen). */
  public static final String NO_DEPARTMENT = "NONE";

  static final String PROOF_TYPE = "proofType";
  static final String DEPARTMENT = "department";
  static final String ANSWERED = "answered";
  static final String RESPONSE_SECONDS = "responseSeconds";
  static final String ON_TIME = "onTime";
  static final String LATE_REPLY = "lateReply";
  static final String ESCALATED = "escalated";
  static final String TIMED_OUT = "timedOut";
  static final String DECLINED = "declined";
  static final String COMMITMENT = "commitment";
  static final String WITHDRAWN = "withdrawn";

  private static final int IDS_PER_READ = 256;

  private final MongoTemplate mongo;
  private final Clock clock;

  public RequestStatisticsProjection(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  @EventHandler
  public void on(VerificationRequestRaised event, @SequenceNumber long sequence) {
    LocalDate day = event.at().atZone(ZONE).toLocalDate();
    RequestFacts facts =
        new RequestFacts(
            event.requestId().value(),
            sequence,
            event.proofType().value(),
            event.actor().department().value(),
            event.at(),
            day.toString(),
            YearMonth.from(day).toString(),
            event.dueAt(),
            event.officeHoursOf() == null ? null : event.officeHoursOf().value(),
            null,
            null,
            false,
            false,
            false,
            false,
            false,
            false,
            event.at());
    write(writes -> writes.insert(facts.id(), sequence, facts));
  }

  @EventHandler
  public void on(RequestRouted event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("holder", event.unit().value()));
  }

  @EventHandler
  public void on(RequestAwaitingDispatch event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("holder", event.authority().value()));
  }

  @EventHandler
  public void on(RequestDispatched event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("holder", event.unit().value()));
  }

  @EventHandler
  public void on(RequestForwarded event, @SequenceNumber long sequence) {
    DepartmentId holder = event.toUnit() != null ? event.toUnit() : event.toAuthority();
    apply(event, sequence, new Update().set("holder", holder.value()));
  }

  @EventHandler
  public void on(DeadlineExtended event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("dueAt", event.dueAt()));
  }

  @EventHandler
  public void on(DeadlineResumed event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("dueAt", event.dueAt()));
  }

  @EventHandler
  public void on(DeadlineRecomputed event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("dueAt", event.dueAt()));
  }

  @EventHandler
  public void on(RequestEscalated event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("escalated", true));
  }

  @EventHandler
  public void on(RequestTimedOut event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("timedOut", true));
  }

  /**
   * The reply: response time and whether it was on time are taken against the raise and the
   * deadline in force at that moment (no deadline moves once a request is answered).
   */
  @EventHandler
  public void on(ReplyIssued event, @SequenceNumber long sequence) {
    apply(
        event,
        sequence,
        new Update()
            .set("answeringDepartment", event.unit().value())
            .set("answeredAt", event.at())
            .set("lateReply", event.late()));
  }

  @EventHandler
  public void on(RequestDeclined event, @SequenceNumber long sequence) {
    apply(
        event,
        sequence,
        new Update().set("answeringDepartment", event.unit().value()).set("declined", true));
  }

  @EventHandler
  public void on(CommitmentAccepted event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("commitment", true));
  }

  @EventHandler
  public void on(RequestWithdrawn event, @SequenceNumber long sequence) {
    apply(event, sequence, new Update().set("withdrawn", true));
  }

  @ResetHandler
  void onReset() {
    mongo.dropCollection(FACTS);
    mongo.dropCollection(DAYS);
  }

  /** The facts of one request, as the statistics count it. */
  public RequestFacts facts(String requestId) {
    return mongo.findById(requestId, RequestFacts.class, FACTS);
  }

  @QueryHandler
  public Statistics handle(FindStatistics query) {
    Instant asOf = clock.instant();
    Map<String, TreeMap<String, Figures>> groups = new LinkedHashMap<>();
    Map<String, Figures> totals = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
      String period = query.granularity().periodOf(day);
      groups.computeIfAbsent(period, p -> new TreeMap<>());
      totals.computeIfAbsent(period, p -> new Figures());
      for (int shard = 0; shard < SHARDS; shard++) {
        ids.add(bucketId(day.toString(), shard));
      }
    }
    String groupField = query.groupBy() == GroupBy.DEPARTMENT ? DEPARTMENT : PROOF_TYPE;
    for (int start = 0; start < ids.size(); start += IDS_PER_READ) {
      List<String> chunk = ids.subList(start, Math.min(start + IDS_PER_READ, ids.size()));
      try (MongoCursor<Document> days =
          mongo.getCollection(DAYS).find(Filters.in("_id", chunk)).iterator()) {
        while (days.hasNext()) {
          Document bucket = days.next();
          String period = query.granularity().periodOf(LocalDate.parse(bucket.getString("day")));
          Document entries = bucket.get("entries", Document.class);
          if (entries == null) {
            continue;
          }
          for (Object value : entries.values()) {
            Document entry = (Document) value;
            String group = entry.getString(groupField);
            groups
                .get(period)
                .computeIfAbsent(group == null ? NO_DEPARTMENT : group, g -> new Figures())
                .add(entry);
            totals.get(period).add(entry);
          }
        }
      }
    }
    List<StatisticsRow> rows = new ArrayList<>();
    groups.forEach(
        (period, byGroup) -> {
          byGroup.forEach((group, figures) -> rows.add(figures.row(period, group, false)));
          rows.add(totals.get(period).row(period, null, true));
        });
    return new Statistics(
        query.from(), query.to(), query.groupBy(), query.granularity(), asOf, rows);
  }

  /**
   * Applies {@code update} to the request's facts unless they already reflect {@code sequence}
   * ({@link VersionedWrites}); once the facts are written, the entries of every request touched are
   * derived again.
   */
  private void apply(RequestEvent event, long sequence, Update update) {
    String id = event.requestId().value();
    write(writes -> writes.update(id, sequence, update.set("updatedAt", event.at())));
  }

  private void write(Consumer<VersionedWrites> change) {
    ProjectionBatch.write(this, () -> new VersionedWrites(mongo, FACTS, this::record), change);
  }

  /**
   * Puts each request's entry, derived from its facts, into its day's document: one update per
   * day's document names all its requests. Idempotent, also when the events were handled before (a
   * crash may have come between the write of the facts and that of the entries).
   */
  private void record(Set<String> requestIds) {
    Map<String, Update> buckets = new LinkedHashMap<>();
    for (RequestFacts facts :
        mongo.find(query(where("_id").in(requestIds)), RequestFacts.class, FACTS)) {
      buckets
          .computeIfAbsent(
              bucketId(facts.raisedDay(), shardOf(facts.id())),
              bucket -> new Update().set("day", facts.raisedDay()))
          .set("entries." + facts.id(), entry(facts));
    }
    try {
      record(buckets);
    } catch (DuplicateKeyException | BulkOperationException createdMeanwhile) {
      // another segment created one of the days' documents at the same moment: it exists now
      record(buckets);
    }
  }

  private void record(Map<String, Update> buckets) {
    if (!buckets.isEmpty()) {
      BulkOperations days = mongo.bulkOps(BulkMode.UNORDERED, DAYS);
      buckets.forEach((bucket, update) -> days.upsert(query(where("_id").is(bucket)), update));
      days.execute();
    }
  }

  static Document entry(RequestFacts facts) {
    Document entry = new Document(PROOF_TYPE, facts.proofType());
    if (facts.department() != null) {
      entry.append(DEPARTMENT, facts.department());
    }
    if (facts.answered()) {
      entry.append(ANSWERED, true);
      if (facts.responseSeconds() != null) {
        entry.append(RESPONSE_SECONDS, facts.responseSeconds());
      }
      putIf(entry, ON_TIME, Boolean.TRUE.equals(facts.answeredOnTime()));
      putIf(entry, LATE_REPLY, facts.lateReply());
    }
    putIf(entry, ESCALATED, facts.escalated());
    putIf(entry, TIMED_OUT, facts.timedOut());
    putIf(entry, DECLINED, facts.declined());
    putIf(entry, COMMITMENT, facts.commitment());
    putIf(entry, WITHDRAWN, facts.withdrawn());
    return entry;
  }

  /** Only true flags are written: most requests have few, and a day's document stays small. */
  private static void putIf(Document entry, String flag, boolean value) {
    if (value) {
      entry.append(flag, true);
    }
  }

  static int shardOf(String requestId) {
    return Math.floorMod(requestId.hashCode(), SHARDS);
  }

  static String bucketId(String day, int shard) {
    return day + ":" + (shard < 10 ? "0" : "") + shard;
  }
}
