package org.proofassist.hub.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.proofassist.hub.core.calendar.Deadline.SkippedDay;
import org.proofassist.hub.core.calendar.OfficeHours.Session;

/**
 * Counts office time on the working-day calendar: when a service level runs out, how much office
 * time lies between two instants, when a share of it has passed (for reminders). Time outside
 * office hours and on closed days does not count.
 */
public final class ServiceLevelPolicy {

  /** How far ahead the policy looks before it gives up (ten years). */
  private static final int MAX_DAYS = 3660;

  private final Supplier<WorkingCalendar> calendars;
  private final ZoneId zone;

  public ServiceLevelPolicy(WorkingCalendar calendar) {
    this(calendar, WorkingCalendar.CHINA);
  }

  public ServiceLevelPolicy(WorkingCalendar calendar, ZoneId zone) {
    this(constant(calendar), zone);
  }

  /**
   * A policy that always counts on the calendar in force, which {@code calendars} supplies: a new
   * edition of the calendar applies from the next deadline counted.
   */
  public ServiceLevelPolicy(Supplier<WorkingCalendar> calendars, ZoneId zone) {
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  private static Supplier<WorkingCalendar> constant(WorkingCalendar calendar) {
    Objects.requireNonNull(calendar, "calendar");
    return () -> calendar;
  }

  /** The calendar in force. */
  public WorkingCalendar calendar() {
    return calendars.get();
  }

  /** The office time a service level grants in an office with these hours. */
  public static Duration officeTimeOf(ServiceLevel level, OfficeHours hours) {
    return switch (level.unit()) {
      case WORKING_DAYS -> hours.day().multipliedBy(level.amount());
      case WORKING_HOURS -> Duration.ofHours(level.amount());
      case WORKING_MINUTES -> Duration.ofMinutes(level.amount());
    };
  }

  /** When the service level runs out for a request whose clock starts at {@code start}. */
  public Deadline deadline(Instant start, ServiceLevel level, OfficeHours hours) {
    Duration officeTime = officeTimeOf(level, hours);
    Walk walk = walk(start, officeTime, hours);
    return new Deadline(start, level, officeTime, walk.end, walk.skipped, walk.provisional);
  }

  /** The instant at which {@code officeTime} of office time has passed after {@code start}. */
  public Instant after(Instant start, Duration officeTime, OfficeHours hours) {
    return walk(start, officeTime, hours).end;
  }

  /** The office time between two instants (zero when {@code to} is not after {@code from}). */
  public Duration officeTimeBetween(Instant from, Instant to, OfficeHours hours) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    WorkingCalendar calendar = calendar();
    ZonedDateTime cursor = from.atZone(zone);
    ZonedDateTime end = to.atZone(zone);
    Duration counted = Duration.ZERO;
    LocalDate day = cursor.toLocalDate();
    LocalTime time = cursor.toLocalTime();
    for (int i = 0; i < MAX_DAYS && !day.isAfter(end.toLocalDate()); i++) {
      if (calendar.isWorkingDay(day)) {
        for (Session session : hours.from(time)) {
          LocalTime closes = session.closes();
          if (day.equals(end.toLocalDate()) && end.toLocalTime().isBefore(closes)) {
            closes = end.toLocalTime();
          }
          if (closes.isAfter(session.opens())) {
            counted = counted.plus(Duration.between(session.opens(), closes));
          }
        }
      }
      day = day.plusDays(1);
      time = LocalTime.MIN;
    }
    return counted;
  }

  private Walk walk(Instant start, Duration officeTime, OfficeHours hours) {
    Objects.requireNonNull(start, "start");
    if (officeTime.isNegative()) {
      throw new IllegalArgumentException("office time cannot be negative");
    }
    WorkingCalendar calendar = calendar();
    ZonedDateTime from = start.atZone(zone);
    LocalDate day = from.toLocalDate();
    LocalTime time = from.toLocalTime();
    Duration remaining = officeTime;
    List<SkippedDay> skipped = new ArrayList<>();
    boolean provisional = false;
    for (int i = 0; i < MAX_DAYS; i++) {
      provisional |= !calendar.isOfficial(day);
      Optional<String> closed = calendar.whyClosed(day);
      if (closed.isPresent()) {
        skipped.add(new SkippedDay(day, closed.get()));
      } else {
        for (Session session : hours.from(time)) {
          Duration available = session.length();
          if (remaining.compareTo(available) <= 0) {
            Instant end = day.atTime(session.opens().plus(remaining)).atZone(zone).toInstant();
            if (remaining.isZero() && end.isBefore(start)) {
              end = start;
            }
            return new Walk(end, skipped, provisional);
          }
          remaining = remaining.minus(available);
        }
      }
      day = day.plusDays(1);
      time = LocalTime.MIN;
    }
    throw new IllegalStateException(
        "no office time for " + officeTime + " within ten years of " + start);
  }

  private record Walk(Instant end, List<SkippedDay> skipped, boolean provisional) {}
}
