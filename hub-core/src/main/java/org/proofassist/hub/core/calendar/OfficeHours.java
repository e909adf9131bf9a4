package org.proofassist.hub.core.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hours a department's office is open on a working day, as sessions in local time (by default
 * 08:30–12:00 and 14:30–17:30).
 *
 * @param sessions the open periods, in order, not overlapping
 */
public record OfficeHours(List<Session> sessions) {

  /** The default of the hub: 08:30–12:00 and 14:30–17:30. */
  public static final OfficeHours DEFAULT =
      new OfficeHours(
          List.of(
              new Session(LocalTime.of(8, 30), LocalTime.of(12, 0)),
              new Session(LocalTime.of(14, 30), LocalTime.of(17, 30))));

  /**
   * An open period of the office.
   *
   * @param opens when it opens
   * @param closes when it closes, after it opens
   */
  public record Session(LocalTime opens, LocalTime closes) {
    public Session {
      Objects.requireNonNull(opens, "opens");
      Objects.requireNonNull(closes, "closes");
      if (!closes.isAfter(opens)) {
        throw new IllegalArgumentException("a session closes after it opens: " + opens);
      }
    }

    public Duration length() {
      return Duration.between(opens, closes);
    }
  }

  public OfficeHours {
    sessions = List.copyOf(sessions);
    if (sessions.isEmpty()) {
      throw new IllegalArgumentException("an office is open at least once a day");
    }
    for (int i = 1; i < sessions.size(); i++) {
      if (sessions.get(i).opens().isBefore(sessions.get(i - 1).closes())) {
        throw new IllegalArgumentException("office sessions are in order and do not overlap");
      }
    }
  }

  /** The office time of one working day (6 h 30 min by default). */
  public Duration day() {
    Duration day = Duration.ZERO;
    for (Session session : sessions) {
      day = day.plus(session.length());
    }
    return day;
  }

  /** The sessions of a day from a time of day on: the rest of the day's office time. */
  List<Session> from(LocalTime time) {
    List<Session> rest = new ArrayList<>();
    for (Session session : sessions) {
      if (!session.closes().isAfter(time)) {
        continue;
      }
      rest.add(session.opens().isBefore(time) ? new Session(time, session.closes()) : session);
    }
    return rest;
  }
}
