package org.proofassist.hub.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The official working-day calendar of mainland China (工作日历): weekends off, public holidays off
 * even on weekdays, and the weekend days worked in exchange (调休上班). It knows the years its data
 * covers; for other years only weekends are off, and deadlines that reach them say so.
 *
 * <p>Immutable. The data comes from the fixtures ({@code fixtures/calendar.json}), never from code:
 * the State Council publishes each year's arrangement in November of the year before.
 */
public final class WorkingCalendar {

  /** The time zone the calendar and office hours are in. */
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final Map<LocalDate, CalendarDay> days = new HashMap<>();
  private final Set<Integer> years;
  private final Set<Integer> provisionalYears;

  /**
   * @param marked the holidays and adjusted working days
   * @param years the years whose arrangement the data holds in full
   * @param provisionalYears years whose official arrangement is not published yet: their data holds
   *     the statutory holidays only, and may change
   */
  public WorkingCalendar(
      Collection<CalendarDay> marked,
      Collection<Integer> years,
      Collection<Integer> provisionalYears) {
    for (CalendarDay day : marked) {
      CalendarDay earlier = days.put(day.date(), day);
      if (earlier != null) {
        throw new IllegalArgumentException("the calendar marks " + day.date() + " twice");
      }
      if (day.kind() == CalendarDay.Kind.WORKING_DAY && !isWeekend(day.date())) {
        throw new IllegalArgumentException(
            day.date() + " is a weekday; only a weekend day can be an adjusted working day");
      }
    }
    this.years = Set.copyOf(new TreeSet<>(years));
    this.provisionalYears = Set.copyOf(provisionalYears);
    if (!this.years.containsAll(this.provisionalYears)) {
      throw new IllegalArgumentException("a provisional year is one of the calendar's years");
    }
  }

  /** A calendar of weekends only, for tests and for places without official data. */
  public static WorkingCalendar weekendsOnly() {
    return new WorkingCalendar(List.of(), List.of(), List.of());
  }

  /** Whether offices work on that day. */
  public boolean isWorkingDay(LocalDate date) {
    return whyClosed(date).isEmpty();
  }

  /**
   * Why offices are closed on a day, in words: {@code 春节}, {@code Saturday}; empty when they are
   * open.
   */
  public Optional<String> whyClosed(LocalDate date) {
    CalendarDay marked = days.get(Objects.requireNonNull(date, "date"));
    if (marked != null) {
      return marked.kind() == CalendarDay.Kind.HOLIDAY
          ? Optional.of("public holiday " + marked.name())
          : Optional.empty();
    }
    if (isWeekend(date)) {
      return Optional.of(date.getDayOfWeek() == DayOfWeek.SATURDAY ? "Saturday" : "Sunday");
    }
    return Optional.empty();
  }

  /** What the calendar marks on a day, if anything. */
  public Optional<CalendarDay> marked(LocalDate date) {
    return Optional.ofNullable(days.get(date));
  }

  /** Whether the official arrangement of that day's year is in the data. */
  public boolean isOfficial(LocalDate date) {
    return years.contains(date.getYear()) && !provisionalYears.contains(date.getYear());
  }

  /** The years the data covers, provisional ones included. */
  public Set<Integer> years() {
    return years;
  }

  /** What {@link #describe(LocalDate)} says of a day on which offices work. */
  static final String OPEN = "working day";

  /**
   * What the calendar says of a day, in words: {@code working day}, {@code Saturday}, {@code public
   * holiday 元旦}, {@code working day in exchange (春节)}.
   */
  public String describe(LocalDate date) {
    Optional<String> closed = whyClosed(date);
    if (closed.isPresent()) {
      return closed.get();
    }
    CalendarDay marked = days.get(date);
    return marked == null || marked.name().isBlank()
        ? OPEN
        : OPEN + " in exchange (" + marked.name() + ")";
  }

  /**
   * The days this calendar treats differently from {@code previous}, in date order: a day counts
   * when it opens or closes, or when what it is for changes its name.
   */
  public List<CalendarChange> changesSince(WorkingCalendar previous) {
    TreeSet<LocalDate> candidates = new TreeSet<>(days.keySet());
    candidates.addAll(previous.days.keySet());
    List<CalendarChange> changes = new java.util.ArrayList<>();
    for (LocalDate date : candidates) {
      String was = previous.describe(date);
      String now = describe(date);
      if (!was.equals(now)) {
        changes.add(new CalendarChange(date, was, now));
      }
    }
    return List.copyOf(changes);
  }

  /** Every marked day, in no particular order. */
  public Collection<CalendarDay> markedDays() {
    return days.values();
  }

  private static boolean isWeekend(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
