package org.proofassist.hub.api.request;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * The names of a reply's facts are free text, except what MongoDB reads as an operator or a path
 * once the facts are stored as a map in the request's views: a name starting with {@code $}, or
 * with a dot in it. Such a name is refused with 400 naming the field, before anything is stored.
 */
@Documented
@Constraint(validatedBy = FactNames.Check.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface FactNames {

  // fixed text: a name sent by the caller is never part of a message template
  String message() default "a fact's name may not start with '$' nor contain '.'";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks every name of the map; an absent map has no names to check. */
  final class Check implements ConstraintValidator<FactNames, Map<String, ?>> {

    @Override
    public boolean isValid(Map<String, ?> facts, ConstraintValidatorContext context) {
      return facts == null
          || facts.keySet().stream()
              .allMatch(name -> name == null || !(name.startsWith("$") || name.contains(".")));
    }
  }
}
