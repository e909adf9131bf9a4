package org.proofassist.hub.core.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proofassist.hub.core.common.InvalidValueException;

/**
 * How long an issuing unit has to answer, in office time: "1 working day" or "4 working hours"
 * (服务时限). A working day is one full day of the unit's office hours, so one working day from 17:20
 * on a Friday ends at 17:20 on the next working day.
 *
 * @param amount how many units, at least one
 * @param unit working days or working hours
 */
public record ServiceLevel(int amount, Unit unit) {

  private static final Pattern TEXT =
      Pattern.compile("\\s*(\\d{1,3})\\s+working\\s+(day|days|hour|hours)\\s*");

  /** The units of a service level. */
  public enum Unit {
    WORKING_DAYS,
    WORKING_HOURS
  }

  public ServiceLevel {
    Objects.requireNonNull(unit, "unit");
    if (amount < 1) {
      throw new InvalidValueException(
          "SERVICE_LEVEL_INVALID", "a service level is at least one working hour or day");
    }
  }

  public static ServiceLevel workingDays(int days) {
    return new ServiceLevel(days, Unit.WORKING_DAYS);
  }

  public static ServiceLevel workingHours(int hours) {
    return new ServiceLevel(hours, Unit.WORKING_HOURS);
  }

  /** Reads "1 working day", "3 working days", "4 working hours". */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ServiceLevel parse(String text) {
    Matcher matcher = TEXT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new InvalidValueException(
          "SERVICE_LEVEL_INVALID",
          "a service level reads like '1 working day' or '4 working hours', not '" + text + "'");
    }
    int amount = Integer.parseInt(matcher.group(1));
    return matcher.group(2).startsWith("day") ? workingDays(amount) : workingHours(amount);
  }

  @JsonValue
  @Override
  public String toString() {
    String noun = unit == Unit.WORKING_DAYS ? "working day" : "working hour";
    return amount + " " + noun + (amount == 1 ? "" : "s");
  }
}
