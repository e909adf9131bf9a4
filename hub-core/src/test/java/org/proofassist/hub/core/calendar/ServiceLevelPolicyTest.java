package org.proofassist.hub.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.calendar.Deadline.SkippedDay;
import org.proofassist.hub.core.common.InvalidValueException;

class ServiceLevelPolicyTest {

  /** Spring Festival 2026 as the State Council arranged it: 15–23 Feb off, Sat 14 and 28 worked. */
  private static final WorkingCalendar SPRING_2026 = springFestival2026();

  private final ServiceLevelPolicy policy = new ServiceLevelPolicy(SPRING_2026);

  @Test
  void oneWorkingDayFromAWednesdayAfternoonEndsAtTheSameTimeOnThursday() {
    Deadline deadline =
        policy.deadline(at("2026-03-04T15:00"), ServiceLevel.workingDays(1), OfficeHours.DEFAULT);

    assertThat(deadline.dueAt()).isEqualTo(at("2026-03-05T15:00"));
    assertThat(deadline.officeTime()).isEqualTo(Duration.ofMinutes(390));
    assertThat(deadline.skipped()).isEmpty();
  }

  @Test
  void fourWorkingHoursSkipTheLunchBreak() {
    Instant due =
        policy
            .deadline(at("2026-03-04T10:00"), ServiceLevel.workingHours(4), OfficeHours.DEFAULT)
            .dueAt();

    // 10:00–12:00 is two hours; the other two run from 14:30.
    assertThat(due).isEqualTo(at("2026-03-04T16:30"));
  }

  @Test
  void aRequestRaisedAfterHoursStartsCountingAtTheNextOpening() {
    Instant due =
        policy
            .deadline(at("2026-03-04T19:45"), ServiceLevel.workingHours(1), OfficeHours.DEFAULT)
            .dueAt();

    assertThat(due).isEqualTo(at("2026-03-05T09:30"));
  }

  @Test
  void aWeekendIsSkippedAndSaidSo() {
    Deadline deadline =
        policy.deadline(at("2026-03-06T16:00"), ServiceLevel.workingDays(1), OfficeHours.DEFAULT);

    assertThat(deadline.dueAt()).isEqualTo(at("2026-03-09T16:00"));
    assertThat(deadline.skipped())
        .containsExactly(
            new SkippedDay(LocalDate.parse("2026-03-07"), "Saturday"),
            new SkippedDay(LocalDate.parse("2026-03-08"), "Sunday"));
  }

  @Test
  void raisedAt1720OnTheFridayBeforeTheSpringFestivalItIsDueOnTheSaturdayWorkedInExchange() {
    Deadline deadline =
        policy.deadline(at("2026-02-13T17:20"), ServiceLevel.workingDays(1), OfficeHours.DEFAULT);

    // Ten minutes on Friday, the rest on Saturday 14 February, an adjusted working day.
    assertThat(deadline.dueAt()).isEqualTo(at("2026-02-14T17:20"));
    assertThat(deadline.skipped()).isEmpty();
  }

  @Test
  void twoWorkingDaysFromThatFridayJumpTheWholeHolidayWeek() {
    Deadline deadline =
        policy.deadline(at("2026-02-13T17:20"), ServiceLevel.workingDays(2), OfficeHours.DEFAULT);

    assertThat(deadline.dueAt()).isEqualTo(at("2026-02-24T17:20"));
    assertThat(deadline.skipped()).hasSize(9);
    assertThat(deadline.skipped().get(0))
        .isEqualTo(new SkippedDay(LocalDate.parse("2026-02-15"), "public holiday 春节"));
  }

  @Test
  void officeTimeBetweenTwoInstantsCountsOnlyOpenHoursOfWorkingDays() {
    Duration counted =
        policy.officeTimeBetween(
            at("2026-03-06T16:00"), at("2026-03-09T09:00"), OfficeHours.DEFAULT);

    assertThat(counted).isEqualTo(Duration.ofMinutes(90 + 30));
  }

  @Test
  void halfOfAServiceLevelPassesHalfWayThroughItsOfficeTime() {
    Instant start = at("2026-03-04T09:00");
    Duration half =
        ServiceLevelPolicy.officeTimeOf(ServiceLevel.workingDays(1), OfficeHours.DEFAULT)
            .dividedBy(2);

    Instant reminder = policy.after(start, half, OfficeHours.DEFAULT);

    assertThat(policy.officeTimeBetween(start, reminder, OfficeHours.DEFAULT)).isEqualTo(half);
    // 195 minutes: 09:00–12:00, then 15 minutes after 14:30.
    assertThat(reminder).isEqualTo(at("2026-03-04T14:45"));
  }

  @Test
  void aDeadlineIntoAYearWithoutOfficialDataIsProvisional() {
    Deadline deadline =
        policy.deadline(at("2026-12-31T17:00"), ServiceLevel.workingDays(1), OfficeHours.DEFAULT);

    assertThat(deadline.provisional()).isTrue();
  }

  @Test
  void serviceLevelsReadAsTheCatalogueWritesThem() {
    assertThat(ServiceLevel.parse("1 working day")).isEqualTo(ServiceLevel.workingDays(1));
    assertThat(ServiceLevel.parse("3 working days")).isEqualTo(ServiceLevel.workingDays(3));
    assertThat(ServiceLevel.parse("4 working hours")).isEqualTo(ServiceLevel.workingHours(4));
    assertThat(ServiceLevel.parse("30 working minutes")).isEqualTo(ServiceLevel.workingMinutes(30));
    assertThat(ServiceLevel.workingHours(1)).hasToString("1 working hour");
    assertThat(ServiceLevel.workingMinutes(1)).hasToString("1 working minute");
    assertThatThrownBy(() -> ServiceLevel.parse("2 days"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> ServiceLevel.parse("0 working days"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void aWeekdayCannotBeAnAdjustedWorkingDay() {
    assertThatThrownBy(
            () ->
                new WorkingCalendar(
                    List.of(
                        new CalendarDay(
                            LocalDate.parse("2026-03-04"), CalendarDay.Kind.WORKING_DAY, "x")),
                    List.of(2026),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.CHINA).toInstant();
  }

  private static WorkingCalendar springFestival2026() {
    List<CalendarDay> days = new ArrayList<>();
    for (LocalDate day = LocalDate.parse("2026-02-15");
        !day.isAfter(LocalDate.parse("2026-02-23"));
        day = day.plusDays(1)) {
      days.add(new CalendarDay(day, CalendarDay.Kind.HOLIDAY, "春节"));
    }
    days.add(new CalendarDay(LocalDate.parse("2026-02-14"), CalendarDay.Kind.WORKING_DAY, "春节"));
    days.add(new CalendarDay(LocalDate.parse("2026-02-28"), CalendarDay.Kind.WORKING_DAY, "春节"));
    return new WorkingCalendar(days, List.of(2026), List.of());
  }
}
