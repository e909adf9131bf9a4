package org.proofassist.hub.api.stats;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.projections.statistics.FindStatistics;
import org.proofassist.hub.projections.statistics.Granularity;
import org.proofassist.hub.projections.statistics.GroupBy;
import org.proofassist.hub.projections.statistics.Statistics;

/**
 * The statistics reports as {@code GET /api/v1/stats} makes them, for the pages that draw them: the
 * same query to the same projection, the same report, and the same rule of who may read them.
 */
public class StatsReports {

  private final QueryGateway queries;
  private final Directory directory;
  private final ProofCatalogue catalogue;

  public StatsReports(QueryGateway queries, Directory directory, ProofCatalogue catalogue) {
    this.queries = queries;
    this.directory = directory;
    this.catalogue = catalogue;
  }

  /** Whether {@code user} may read the statistics: auditors, supervisors, administrators. */
  public static boolean mayRead(HubUser user) {
    return user != null && StatsController.READERS.contains(user.role());
  }

  /**
   * The report of the requests raised from {@code from} to {@code to}; the query's refusals as an
   * {@link InvalidFieldException} naming the parameter at fault.
   */
  public StatsReport report(
      LocalDate from, LocalDate to, GroupBy groupBy, Granularity granularity) {
    FindStatistics query;
    try {
      query = new FindStatistics(from, to, groupBy, granularity);
    } catch (FindStatistics.InvalidQuery e) {
      throw new InvalidFieldException(e.field(), e.code(), e.getMessage());
    }
    Statistics statistics = join(queries.query(query, ResponseTypes.instanceOf(Statistics.class)));
    return StatsReport.of(statistics, names(query.groupBy())::get);
  }

  private Map<String, String> names(GroupBy groupBy) {
    Map<String, String> names = new HashMap<>();
    if (groupBy == GroupBy.DEPARTMENT) {
      for (Department department : directory.all()) {
        names.put(department.id().value(), department.name());
      }
    } else {
      for (ProofType type : catalogue.all()) {
        names.put(type.code().value(), type.name());
      }
    }
    return names;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the statistics", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CompletionException(e.getCause());
    }
  }
}
