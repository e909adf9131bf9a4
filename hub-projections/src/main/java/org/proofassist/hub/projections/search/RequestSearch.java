package org.proofassist.hub.projections.search;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.queryhandling.QueryHandler;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.projections.citizen.CitizenRequests;
import org.proofassist.hub.projections.citizen.CitizenRequestsProjection;
import org.proofassist.hub.projections.request.RequestPage;
import org.proofassist.hub.projections.request.RequestView;
import org.proofassist.hub.projections.request.RequestViewProjection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Answers the audit office's {@link SearchRequests} from the request views, latest raised first.
 *
 * <p>Two query shapes, each bounded:
 *
 * <ul>
 *   <li>by ID number: the citizen's document in {@value CitizenRequestsProjection#COLLECTION} read
 *       by key, then those requests by {@code _id $in}, the other criteria applied to them here.
 *       Fast on the embedded server and on MongoDB alike.
 *   <li>otherwise: a range of at most {@value SearchRequests#MAX_DAYS} days of {@code raisedAt},
 *       with the department ({@code involved}), the proof type and the states as filters, served on
 *       MongoDB by the indexes the request views declare (range last, so the sort on {@code
 *       raisedAt} is the index's order). The embedded server has no secondary indexes: it scans the
 *       views, which suits a demonstration and small installations, not millions of requests.
 * </ul>
 */
public class RequestSearch {

  /** Days are those of the hub's users: China Standard Time. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final MongoTemplate mongo;

  public RequestSearch(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @QueryHandler
  public RequestPage handle(SearchRequests search) {
    return search.idNumber() == null ? byDays(search) : byCitizen(search);
  }

  private static final Sort LATEST_FIRST =
      Sort.by(Sort.Order.desc("raisedAt"), Sort.Order.desc("_id"));

  private RequestPage byDays(SearchRequests search) {
    Criteria criteria = Criteria.where("raisedAt").gte(start(search)).lt(end(search));
    if (search.department() != null) {
      criteria = criteria.and("involved").is(search.department().value());
    }
    if (search.proofType() != null) {
      criteria = criteria.and("proofType").is(search.proofType().value());
    }
    if (!search.statuses().isEmpty()) {
      criteria =
          criteria
              .and("status")
              .in(search.statuses().stream().map(RequestStatus::name).sorted().toList());
    }
    Query query = new Query(criteria);
    long total = mongo.count(query, RequestViewProjection.COLLECTION);
    List<RequestView> items =
        mongo.find(
            new Query(criteria)
                .with(LATEST_FIRST)
                .skip((long) search.page() * search.size())
                .limit(search.size()),
            RequestView.class,
            RequestViewProjection.COLLECTION);
    return new RequestPage(items, search.page(), search.size(), total);
  }

  private RequestPage byCitizen(SearchRequests search) {
    CitizenRequests citizen =
        mongo.findById(
            search.idNumber().value(), CitizenRequests.class, CitizenRequestsProjection.COLLECTION);
    if (citizen == null || citizen.requestIds().isEmpty()) {
      return new RequestPage(List.of(), search.page(), search.size(), 0);
    }
    List<RequestView> found =
        new ArrayList<>(
            mongo.find(
                new Query(Criteria.where("_id").in(citizen.requestIds())),
                RequestView.class,
                RequestViewProjection.COLLECTION));
    List<RequestView> matching =
        found.stream()
            .filter(matches(search))
            .sorted(
                Comparator.comparing(RequestView::raisedAt)
                    .thenComparing(RequestView::id)
                    .reversed())
            .toList();
    int first = (int) Math.min((long) search.page() * search.size(), matching.size());
    int last = Math.min(first + search.size(), matching.size());
    return new RequestPage(
        matching.subList(first, last), search.page(), search.size(), matching.size());
  }

  private static Predicate<RequestView> matches(SearchRequests search) {
    return view ->
        (search.from() == null
                || (!view.raisedAt().isBefore(start(search))
                    && view.raisedAt().isBefore(end(search))))
            && (search.department() == null
                || (view.involved() != null
                    && view.involved().contains(search.department().value())))
            && (search.proofType() == null || search.proofType().value().equals(view.proofType()))
            && (search.statuses().isEmpty()
                || (view.status() != null
                    && search.statuses().contains(RequestStatus.valueOf(view.status()))));
  }

  private static Instant start(SearchRequests search) {
    return search.from().atStartOfDay(ZONE).toInstant();
  }

  private static Instant end(SearchRequests search) {
    return search.to().plusDays(1).atStartOfDay(ZONE).toInstant();
  }
}
