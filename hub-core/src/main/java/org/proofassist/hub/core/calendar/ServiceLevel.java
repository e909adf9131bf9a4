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
 * (服务时限), or in minutes for the rare service level shorter than an hour. A working day is one full
 * day of the unit's office hours, so one working day from 17:20 on a Friday ends at 17:20 on the
 * next working day.
 *
 * @param amount how many units, at least one
 * @param unit working days or working hours
 */
public record ServiceLevel(int amount, Unit unit) {

  private static final Pattern TEXT =
      Pattern.compile("\\s*(\\d{1,3})\\s+working\\s+(day|days|hour|hours|minute|minutes)\\s*");

  /** The units of a service level. */
  public enum Unit {
    WORKING_DAYS,
    WORKING_HOURS,
    /**
     * For service levels shorter than an hour, and for installations that test in compressed time.
     */
    WORKING_MINUTES
  }

  public ServiceLevel {
    Objects.requireNonNull(unit, "unit");
    if (amount < 1) {
      throw new InvalidValueException(
          "SERVICE_LEVEL_INVALID", "a service level is at least one working minute, hour or day");
    }
  }

  public static ServiceLevel workingDays(int days) {
    return new ServiceLevel(days, Unit.WORKING_DAYS);
  }

  public static ServiceLevel workingHours(int hours) {
    return new ServiceLevel(hours, Unit.WORKING_HOURS);
  }

  public static ServiceLevel workingMinutes(int minutes) {
    return new ServiceLevel(minutes, Unit.WORKING_MINUTES);
  }

  /** Reads "1 working day", "3 working days", "4 working hours", "30 working minutes". */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ServiceLevel parse(String text) {
    Matcher matcher = TEXT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new InvalidValueException(
          "SERVICE_LEVEL_INVALID",
          "a service level reads like '1 working day', '4 working hours' or '30 working minutes', not '"
              + text
              + "'");
    }
    int amount = Integer.parseInt(matcher.group(1));
    String noun = matcher.group(2);
    if (noun.startsWith("day")) {
      return workingDays(amount);
    }
    return noun.startsWith("hour") ? workingHours(amount) : workingMinutes(amount);
  }

  @JsonValue
  @Override
  public String toString() {
    String noun =
        switch (unit) {
          case WORKING_DAYS -> "working day";
          case WORKING_HOURS -> "working hour";
          case WORKING_MINUTES -> "working minute";
        };
    return amount + " " + noun + (amount == 1 ? "" : "s");
  }
}
