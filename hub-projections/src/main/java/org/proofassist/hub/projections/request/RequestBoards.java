package org.proofassist.hub.projections.request;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.proofassist.hub.core.request.RequestStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The lists behind the waiting window and the inboxes, kept as documents read by key (the only
 * query shape that stays fast at millions of requests, on the embedded server and on MongoDB).
 *
 * <p>A board is one document, {@code _id = kind:department:bucket}, whose {@code entries} map each
 * request id on it to its status and deadline. {@code kind} is {@code waiting} (the raising
 * department) or {@code inbox} (the department holding the request and every authority above it).
 * {@code bucket} is {@code open} while the request is open or its reply waits to be picked up, and
 * {@code done-yyyy-MM} (month it ended) afterwards, so open boards stay small and finished ones are
 * split by month. A list reads the boards it needs by {@code _id}, sorts their entries by deadline,
 * and fetches the page's requests by {@code _id $in}.
 */
public final class RequestBoards {

  public static final String COLLECTION = "request_boards";

  /** How many months of finished requests the lists show; older ones are found by search. */
  public static final int RECENT_MONTHS = 3;

  private static final Set<String> FINISHED =
      Set.of(
          RequestStatus.CLOSED.name(),
          RequestStatus.DECLINED.name(),
          RequestStatus.WITHDRAWN.name());

  private final MongoTemplate mongo;
  private final Clock clock;

  public RequestBoards(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Puts each request on the boards its current view belongs to and takes it off the others, in a
   * few round trips for all of them: the views are read in one {@code _id $in} query, each board is
   * changed by one update naming all its requests, and the views' lists of boards by one bulk.
   * Idempotent: it derives everything from the stored views.
   */
  void sync(Set<String> requestIds) {
    if (requestIds.isEmpty()) {
      return;
    }
    Map<String, Update> boardChanges = new LinkedHashMap<>();
    Map<String, Set<String>> movedViews = new LinkedHashMap<>();
    for (RequestView view :
        mongo.find(
            query(where("_id").in(requestIds)),
            RequestView.class,
            RequestViewProjection.COLLECTION)) {
      if (view.status() == null) {
        continue;
      }
      String requestId = view.id();
      Set<String> wanted = boardsOf(view);
      Set<String> before = view.boards() == null ? Set.of() : view.boards();
      for (String board : before) {
        if (!wanted.contains(board)) {
          boardChanges.computeIfAbsent(board, b -> new Update()).unset("entries." + requestId);
        }
      }
      Document entry =
          new Document("status", view.status())
              .append("dueAt", view.dueAt() == null ? null : Date.from(view.dueAt()))
              .append("raisedAt", Date.from(view.raisedAt()))
              .append("escalated", view.escalation() != null)
              .append("raisedBy", view.raisedBy() == null ? null : view.raisedBy().userId());
      for (String board : wanted) {
        boardChanges.computeIfAbsent(board, b -> new Update()).set("entries." + requestId, entry);
      }
      if (!wanted.equals(before)) {
        movedViews.put(requestId, wanted);
      }
    }
    try {
      change(boardChanges);
    } catch (DuplicateKeyException | BulkOperationException createdMeanwhile) {
      // another segment created one of the boards at the same moment: it exists now
      change(boardChanges);
    }
    if (!movedViews.isEmpty()) {
      BulkOperations views = mongo.bulkOps(BulkMode.UNORDERED, RequestViewProjection.COLLECTION);
      movedViews.forEach(
          (id, wanted) ->
              views.updateOne(query(where("_id").is(id)), new Update().set("boards", wanted)));
      views.execute();
    }
  }

  private void change(Map<String, Update> boardChanges) {
    if (!boardChanges.isEmpty()) {
      BulkOperations boards = mongo.bulkOps(BulkMode.UNORDERED, COLLECTION);
      boardChanges.forEach((board, change) -> boards.upsert(query(where("_id").is(board)), change));
      boards.execute();
    }
  }

  /** One page of a department's waiting list or inbox, soonest due first. */
  RequestPage page(
      String kind, String department, Set<RequestStatus> statuses, int page, int size) {
    return page(kind, department, statuses, false, null, page, size);
  }

  /**
   * Like {@link #page}, with only the escalated requests if {@code escalatedOnly}, and only those
   * raised by {@code raisedBy} if not null.
   */
  RequestPage page(
      String kind,
      String department,
      Set<RequestStatus> statuses,
      boolean escalatedOnly,
      String raisedBy,
      int page,
      int size) {
    Set<String> wanted = statuses.stream().map(Enum::name).collect(Collectors.toSet());
    List<String> boardIds = new ArrayList<>();
    if (wanted.isEmpty() || !FINISHED.containsAll(wanted)) {
      boardIds.add(kind + ":" + department + ":open");
    }
    if (wanted.isEmpty() || wanted.stream().anyMatch(FINISHED::contains)) {
      YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
      for (int i = 0; i < RECENT_MONTHS; i++) {
        boardIds.add(kind + ":" + department + ":done-" + month.minusMonths(i));
      }
    }
    Map<String, Document> entries = new LinkedHashMap<>();
    for (Document board :
        mongo.find(query(where("_id").in(boardIds)), Document.class, COLLECTION)) {
      Document onBoard = board.get("entries", Document.class);
      if (onBoard != null) {
        onBoard.forEach((id, entry) -> entries.put(id, (Document) entry));
      }
    }
    if (raisedBy != null) {
      entries.values().removeIf(entry -> !raisedBy.equals(entry.getString("raisedBy")));
    }
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (Document entry : entries.values()) {
      counts.merge(entry.getString("status"), 1L, Long::sum);
      if (Boolean.TRUE.equals(entry.getBoolean("escalated"))) {
        counts.merge(RequestPage.ESCALATED, 1L, Long::sum);
      }
    }
    List<String> ordered =
        entries.entrySet().stream()
            .filter(e -> wanted.isEmpty() || wanted.contains(e.getValue().getString("status")))
            .filter(
                e -> !escalatedOnly || Boolean.TRUE.equals(e.getValue().getBoolean("escalated")))
            .sorted(
                Comparator.comparing(
                        (Map.Entry<String, Document> e) -> dueAt(e.getValue()),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Map.Entry::getKey))
            .map(Map.Entry::getKey)
            .toList();
    int from = (int) Math.min((long) page * size, ordered.size());
    List<String> ids = ordered.subList(from, Math.min(from + size, ordered.size()));
    Map<String, RequestView> views =
        ids.isEmpty()
            ? Map.of()
            : mongo
                .find(
                    query(where("_id").in(ids)),
                    RequestView.class,
                    RequestViewProjection.COLLECTION)
                .stream()
                .collect(Collectors.toMap(RequestView::id, Function.identity()));
    List<RequestView> items = ids.stream().map(views::get).filter(v -> v != null).toList();
    return new RequestPage(items, page, size, ordered.size(), counts);
  }

  void reset() {
    mongo.dropCollection(COLLECTION);
  }

  static Set<String> boardsOf(RequestView view) {
    String bucket =
        FINISHED.contains(view.status())
            ? "done-" + YearMonth.from(view.updatedAt().atZone(ZoneOffset.UTC))
            : "open";
    Set<String> boards = new LinkedHashSet<>();
    boards.add("waiting:" + view.raisedBy().department() + ":" + bucket);
    if (view.issuingSide() != null) {
      for (String department : view.issuingSide()) {
        boards.add("inbox:" + department + ":" + bucket);
      }
    }
    return boards;
  }

  private static Instant dueAt(Document entry) {
    Date due = entry.getDate("dueAt");
    return due == null ? null : due.toInstant();
  }
}
