package org.proofassist.hub.api.problem;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.request.RequestRefusedException;
import org.proofassist.hub.core.seal.SealRefusedException;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into an RFC 9457 problem response that names the field at fault, with a
 * stable {@code code} for clients.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  @ExceptionHandler(RequestRefusedException.class)
  ProblemDetail refused(RequestRefusedException e) {
    HttpStatus status =
        switch (e.kind()) {
          case STATE -> HttpStatus.CONFLICT;
          case PERMISSION -> HttpStatus.FORBIDDEN;
          case CONTENT -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    return problem(status, titleOf(e.kind()), e.getMessage(), e.code(), e.field());
  }

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid field", e.getMessage(), e.code(), e.field());
  }

  @ExceptionHandler(InvalidValueException.class)
  ProblemDetail invalidValue(InvalidValueException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid value", e.getMessage(), e.code(), null);
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "NOT_FOUND", null);
  }

  @ExceptionHandler(AggregateNotFoundException.class)
  ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", "no such request", "NOT_FOUND", null);
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), e.code(), e.field());
  }

  @ExceptionHandler(ConcurrencyException.class)
  ProblemDetail concurrentChange(ConcurrencyException e) {
    return problem(
        HttpStatus.CONFLICT,
        "Changed meanwhile",
        "the request was changed by someone else at the same moment; read it again and retry",
        "CONCURRENT_CHANGE",
        null);
  }

  /**
   * Axon's MongoDB engine refuses a second creation of the same stream (two raises with one
   * idempotency key at the same moment) with this rather than a {@link ConcurrencyException}.
   */
  @ExceptionHandler(AggregateStreamCreationException.class)
  ProblemDetail concurrentCreation(AggregateStreamCreationException e) {
    return problem(
        HttpStatus.CONFLICT,
        "Changed meanwhile",
        "the request was created by another call at the same moment; read it again",
        "CONCURRENT_CHANGE",
        null);
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ProblemDetail tooLarge(BodyTooLargeException e) {
    return problem(
        HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", e.getMessage(), "BODY_TOO_LARGE", null);
  }

  @ExceptionHandler(SealUnavailableException.class)
  ProblemDetail sealUnavailable(SealUnavailableException e) {
    log.error("Seal unavailable", e);
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Seal unavailable",
        e.getMessage(),
        "SEAL_UNAVAILABLE",
        null);
  }

  @ExceptionHandler(SealRefusedException.class)
  ProblemDetail sealRefused(SealRefusedException e) {
    return problem(HttpStatus.CONFLICT, "Refused", e.getMessage(), e.code(), null);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Invalid parameter",
        "'" + e.getValue() + "' is not a valid value for " + e.getName(),
        "INVALID_PARAMETER",
        e.getName());
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof BodyTooLargeException tooLarge) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(tooLarge));
    }
    if (cause instanceof StreamConstraintsException limit) {
      return ResponseEntity.badRequest().body(beyondLimits(limit));
    }
    String field = null;
    String detail = "the body is not valid JSON";
    String code = "MALFORMED_JSON";
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = pathOf(mapping);
      code = "INVALID_FIELD";
      if (mapping.getCause() instanceof InvalidValueException invalid) {
        detail = invalid.getMessage();
        code = invalid.code();
      } else if (mapping instanceof InvalidFormatException format
          && format.getTargetType() != null
          && format.getTargetType().isEnum()) {
        detail =
            "'"
                + format.getValue()
                + "' is not one of "
                + List.of(format.getTargetType().getEnumConstants());
        code = "UNKNOWN_VALUE";
      } else if (mapping instanceof MismatchedInputException) {
        detail = field + " has the wrong type";
      } else {
        detail = field + " cannot be read";
      }
    } else if (e.getCause() == null
        && e.getMessage() != null
        && e.getMessage().startsWith("Required request body is missing")) {
      detail = "a JSON body is required";
      code = "BODY_MISSING";
    }
    return ResponseEntity.badRequest()
        .body(problem(HttpStatus.BAD_REQUEST, "Unreadable body", detail, code, field));
  }

  /**
   * Jackson's read limits (StreamReadConstraints): nesting depth, number and string lengths. The
   * exception's own message names Jackson's internals, so the detail says it plainly.
   */
  private static ProblemDetail beyondLimits(StreamConstraintsException limit) {
    String message = String.valueOf(limit.getOriginalMessage());
    StreamReadConstraints limits = StreamReadConstraints.defaults();
    if (message.contains("nesting depth")) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "Unreadable body",
          "the body is nested more than " + limits.getMaxNestingDepth() + " levels deep",
          "NESTING_TOO_DEEP",
          null);
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        "Unreadable body",
        "the body holds a number, string or name longer than the hub reads",
        "VALUE_TOO_LONG",
        null);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(
                error ->
                    Map.of(
                        "field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
            .toList();
    String first = errors.isEmpty() ? null : errors.get(0).get("field");
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Invalid fields",
            errors.stream()
                .map(m -> m.get("field") + " " + m.get("message"))
                .collect(Collectors.joining("; ")),
            "INVALID_FIELD",
            first);
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        e.getAllErrors().stream()
            .map(error -> String.valueOf(error.getDefaultMessage()))
            .collect(Collectors.joining("; "));
    return ResponseEntity.badRequest()
        .body(
            problem(
                HttpStatus.BAD_REQUEST, "Invalid parameters", detail, "INVALID_PARAMETER", null));
  }

  @Override
  protected ResponseEntity<Object> handleServletRequestBindingException(
      ServletRequestBindingException binding,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (!(binding instanceof MissingRequestHeaderException e)) {
      return super.handleServletRequestBindingException(binding, headers, status, request);
    }
    return ResponseEntity.badRequest()
        .body(
            problem(
                HttpStatus.BAD_REQUEST,
                "Missing header",
                "the header " + e.getHeaderName() + " is required",
                "HEADER_MISSING",
                e.getHeaderName()));
  }

  static ProblemDetail problem(
      HttpStatus status, String title, String detail, String code, @Nullable String field) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setProperty("code", code);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  private static String titleOf(RequestRefusedException.Kind kind) {
    return switch (kind) {
      case STATE -> "Not possible in the request's current state";
      case PERMISSION -> "Not allowed for you";
      case CONTENT -> "Refused content";
    };
  }

  private static String pathOf(JsonMappingException mapping) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : mapping.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
