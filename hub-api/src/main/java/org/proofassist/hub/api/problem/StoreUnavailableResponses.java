package org.proofassist.hub.api.problem;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * When the hub cannot reach its MongoDB (stopped, unreachable, electing a new primary), the API
 * answers at once with 503 and a {@code Retry-After}, the problem code {@value #CODE}: the driver
 * gives up selecting a server after {@code hub.mongodb.server-selection-timeout}. A command that
 * fails so was not recorded (an event commit is one document, written whole or not at all), so
 * sending it again with the same {@code Idempotency-Key} is safe. Matched also when the store's
 * error is the cause of another (Axon's), as Spring looks through causes.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class StoreUnavailableResponses {

  /** The problem code of a store that cannot be reached. */
  public static final String CODE = "STORE_UNAVAILABLE";

  /** Seconds a client should wait before trying again. */
  static final int RETRY_AFTER_SECONDS = 10;

  private static final Logger log = LoggerFactory.getLogger(StoreUnavailableResponses.class);

  @ExceptionHandler({
    MongoTimeoutException.class,
    MongoSocketException.class,
    MongoServerUnavailableException.class,
    MongoNotPrimaryException.class,
    MongoNodeIsRecoveringException.class,
    DataAccessResourceFailureException.class
  })
  ResponseEntity<ProblemDetail> unavailable(Exception e) {
    log.warn("The store cannot be reached; answered 503: {}", e.toString());
    ProblemDetail problem =
        ProblemResponses.problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Store unavailable",
            "the hub cannot reach its database just now; nothing was changed. Try again in "
                + RETRY_AFTER_SECONDS
                + " seconds (a command with the same Idempotency-Key is safe to send again)",
            CODE,
            null);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
        .body(problem);
  }
}
