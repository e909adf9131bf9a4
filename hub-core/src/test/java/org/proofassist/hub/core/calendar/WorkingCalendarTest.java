package org.proofassist.hub.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an edition of the calendar says of a day, and how two editions differ. */
class WorkingCalendarTest {

  private static final LocalDate NEW_YEARS_EVE = LocalDate.of(2026, 12, 31); // a Thursday
  private static final LocalDate NEW_YEAR = LocalDate.of(2027, 1, 1); // a Friday
  private static final LocalDate SATURDAY = LocalDate.of(2027, 1, 2);

  private static final WorkingCalendar FIRST =
      new WorkingCalendar(
          List.of(new CalendarDay(NEW_YEAR, CalendarDay.Kind.HOLIDAY, "元旦")),
          List.of(2026, 2027),
          List.of(2027));

  @Test
  void aDayIsDescribedAsTheCalendarSeesIt() {
    assertThat(FIRST.describe(NEW_YEARS_EVE)).isEqualTo("working day");
    assertThat(FIRST.describe(NEW_YEAR)).isEqualTo("public holiday 元旦");
    assertThat(FIRST.describe(SATURDAY)).isEqualTo("Saturday");
  }

  @Test
  void aHolidayMovedAndAWeekendDayWorkedAreTheChanges() {
    WorkingCalendar second =
        new WorkingCalendar(
            List.of(
                new CalendarDay(NEW_YEARS_EVE, CalendarDay.Kind.HOLIDAY, "元旦"),
                new CalendarDay(NEW_YEAR, CalendarDay.Kind.HOLIDAY, "元旦"),
                new CalendarDay(SATURDAY, CalendarDay.Kind.WORKING_DAY, "元旦")),
            List.of(2026, 2027),
            List.of());

    assertThat(second.changesSince(FIRST))
        .containsExactly(
            new CalendarChange(NEW_YEARS_EVE, "working day", "public holiday 元旦"),
            new CalendarChange(SATURDAY, "Saturday", "working day in exchange (元旦)"));
    assertThat(FIRST.changesSince(second))
        .extracting(CalendarChange::date)
        .containsExactly(NEW_YEARS_EVE, SATURDAY);
    assertThat(second.changesSince(second)).isEmpty();
  }
}
