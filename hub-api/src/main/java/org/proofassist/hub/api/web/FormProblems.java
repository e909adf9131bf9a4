package org.proofassist.hub.api.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.proofassist.hub.core.request.RequestRefusedException;
import org.springframework.context.MessageSource;

/**
 * What was wrong with a submitted form, in the page's language: each problem is named by the same
 * code as the API's problem response ({@code ID_NUMBER_CHECK_DIGIT}, {@code NotBlank}, …) and shown
 * next to the input it concerns, or above the form when it concerns no single input.
 *
 * <p>A code's text is {@code error.<code>} in the message bundles; a code without one shows the
 * hub's own English words for it.
 */
public final class FormProblems {

  /** One problem: its code and the words shown. */
  public record Problem(String code, String text) {}

  private final String form;
  private final MessageSource messages;
  private final Locale locale;
  private final Map<String, Problem> fields = new LinkedHashMap<>();
  private final List<Problem> general = new ArrayList<>();

  public FormProblems(String form, MessageSource messages, Locale locale) {
    this.form = form;
    this.messages = messages;
    this.locale = locale;
  }

  /** No form was submitted. */
  public static FormProblems none() {
    return new FormProblems("", null, Locale.ROOT);
  }

  /** The form these problems belong to, such as {@code reply}. */
  public String form() {
    return form;
  }

  /** The text of a code in the page's language, or {@code detail} when the bundles lack it. */
  public String text(String code, String detail, Object... args) {
    String text =
        messages == null ? null : messages.getMessage("error." + code, args, null, locale);
    return text != null ? text : detail;
  }

  /** A problem with one input; the first one found for an input is the one shown. */
  public void field(String field, String code, String detail, Object... args) {
    fields.putIfAbsent(field, new Problem(code, text(code, detail, args)));
  }

  /** A problem with one input, in words already chosen. */
  public void fieldText(String field, String code, String text) {
    fields.putIfAbsent(field, new Problem(code, text));
  }

  /** A problem with the form as a whole. */
  public void general(String code, String detail, Object... args) {
    general.add(new Problem(code, text(code, detail, args)));
  }

  /**
   * The bean validation constraints of an API body (the same annotations the REST endpoint checks),
   * each violation shown at the input that {@code inputOf} names for its property path, or above
   * the form when it names none.
   */
  public <T> void check(Validator validator, T body, BiFunction<String, String, String> inputOf) {
    validator.validate(body).stream()
        .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
        .forEach(
            violation -> {
              String path = violation.getPropertyPath().toString();
              String code =
                  violation
                      .getConstraintDescriptor()
                      .getAnnotation()
                      .annotationType()
                      .getSimpleName();
              Object max = violation.getConstraintDescriptor().getAttributes().get("max");
              String input = inputOf.apply(path, code);
              String detail = path + " " + violation.getMessage();
              if (input == null) {
                general(code, detail, max);
              } else {
                field(input, code, detail, max);
              }
            });
  }

  /** A command the request refused: at the input its field names, or above the form. */
  public void refused(RequestRefusedException e, BiFunction<String, String, String> inputOf) {
    String input = e.field() == null ? null : inputOf.apply(e.field(), e.code());
    if (input == null) {
      general(e.code(), e.getMessage());
    } else {
      field(input, e.code(), e.getMessage());
    }
  }

  public boolean isEmpty() {
    return fields.isEmpty() && general.isEmpty();
  }

  /** Whether the input {@code field} of the form {@code form} has a problem. */
  public boolean has(String form, String field) {
    return this.form.equals(form) && fields.containsKey(field);
  }

  /** The words for the problem of an input of a form; empty when it has none. */
  public String of(String form, String field) {
    return has(form, field) ? fields.get(field).text() : "";
  }

  /** The code of the problem of an input of a form; empty when it has none. */
  public String codeOf(String form, String field) {
    return has(form, field) ? fields.get(field).code() : "";
  }

  /** The problems of the form {@code form} as a whole. */
  public List<Problem> general(String form) {
    return this.form.equals(form) ? List.copyOf(general) : List.of();
  }

  /** Whether the form {@code form} has any problem. */
  public boolean any(String form) {
    return this.form.equals(form) && !isEmpty();
  }

  /** Every problem of inputs, by input, in the order found. */
  public Map<String, Problem> fields() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
