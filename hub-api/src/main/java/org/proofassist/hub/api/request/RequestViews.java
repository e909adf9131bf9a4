package org.proofassist.hub.api.request;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.projections.history.FindRequestHistory;
import org.proofassist.hub.projections.history.RequestHistory;
import org.proofassist.hub.projections.request.FindRequest;
import org.proofassist.hub.projections.request.RequestPage;
import org.proofassist.hub.projections.request.RequestView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the request projections through the query bus, enforces who may see a request, and lets a
 * command's answer wait until the views reflect it (read your own writes).
 */
public class RequestViews {

  private static final Logger log = LoggerFactory.getLogger(RequestViews.class);

  private final QueryGateway queries;
  private final Duration maxWait;

  public RequestViews(QueryGateway queries, Duration maxWait) {
    this.queries = queries;
    this.maxWait = maxWait;
  }

  public Optional<RequestView> find(RequestId id) {
    return join(
        queries.query(new FindRequest(id), ResponseTypes.optionalInstanceOf(RequestView.class)));
  }

  /**
   * The request as {@code user} may see it: a department sees the requests it raised and those
   * assigned to it or to a unit under it; an auditor sees all. Anything else is "not found", so
   * that nobody learns which request ids exist.
   */
  public RequestView visibleTo(HubUser user, RequestId id) {
    return find(id)
        .filter(view -> mayView(user, view))
        .orElseThrow(() -> new NotFoundException("no request " + id + " that you may see"));
  }

  public static boolean mayView(HubUser user, RequestView view) {
    return user.isAuditor() || view.involved().contains(user.department().value());
  }

  public Optional<RequestHistory> history(RequestId id) {
    return join(
        queries.query(
            new FindRequestHistory(id), ResponseTypes.optionalInstanceOf(RequestHistory.class)));
  }

  public RequestPage page(Object query) {
    return join(queries.query(query, ResponseTypes.instanceOf(RequestPage.class)));
  }

  /**
   * Waits until the request's view reflects at least {@code version}, and returns it. After the
   * wait limit it returns what the view shows then (the command is recorded either way).
   */
  public Optional<RequestView> await(RequestId id, long version) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    long pause = 1;
    Optional<RequestView> view = find(id);
    while (view.map(v -> v.version() < version).orElse(true) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pause = Math.min(pause * 2, 50);
      view = find(id);
    }
    if (view.map(v -> v.version() < version).orElse(true)) {
      log.warn("The view of {} has not reached version {} within {}", id, version, maxWait);
    }
    return view;
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a view", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CompletionException(e.getCause());
    }
  }
}
