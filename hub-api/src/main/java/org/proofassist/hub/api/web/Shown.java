package org.proofassist.hub.api.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.directory.DivisionCode;
import org.proofassist.hub.fixtures.Division;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * How pages show names and times: departments, proof types and divisions by name in the page's
 * language, and every time in Asia/Shanghai (the hub stores instants).
 */
public class Shown {

  /** Where the hub's users are: every time on a page is shown in this zone. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
  private static final DateTimeFormatter MACHINE_TIME =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZONE);

  /** A proof type as the raise form offers it, with the extra fields it needs. */
  public record ProofTypeChoice(String code, String name, List<String> requiredFields) {

    public String requiredFieldsAttribute() {
      return String.join(" ", requiredFields);
    }
  }

  /** A street-level division to pick, such as 水部街道 (350102008). */
  public record Choice(String value, String label) {}

  /** The streets of one district. */
  public record ChoiceGroup(String label, List<Choice> choices) {}

  private final Directory directory;
  private final ProofCatalogue catalogue;
  private final List<Division> divisions;
  private final MessageSource messages;

  public Shown(
      Directory directory,
      ProofCatalogue catalogue,
      List<Division> divisions,
      MessageSource messages) {
    this.directory = directory;
    this.catalogue = catalogue;
    this.divisions = List.copyOf(divisions);
    this.messages = messages;
  }

  private static boolean english() {
    return "en".equals(LocaleContextHolder.getLocale().getLanguage());
  }

  /** {@code 2026-11-03 10:00}, in Asia/Shanghai; empty for no time. */
  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** The same moment for a {@code <time datetime>} attribute: {@code 2026-11-03T10:00:00+08:00}. */
  public String machineTime(Instant instant) {
    return instant == null ? "" : MACHINE_TIME.format(instant);
  }

  /** Whole hours of a number of minutes. */
  public long hours(Long minutes) {
    return minutes == null ? 0 : minutes / 60;
  }

  /** The minutes past the whole hours. */
  public long minutesPastHours(Long minutes) {
    return minutes == null ? 0 : minutes % 60;
  }

  /** A service level ({@code 1 working day}) in the page's language; as given when unreadable. */
  public String serviceLevel(String text) {
    if (text == null) {
      return "";
    }
    try {
      ServiceLevel level = ServiceLevel.parse(text);
      return messages.getMessage(
          "serviceLevel." + level.unit(),
          new Object[] {level.amount()},
          text,
          LocaleContextHolder.getLocale());
    } catch (InvalidValueException notALevel) {
      return text;
    }
  }

  /** A department by name in the page's language; its id when the directory does not know it. */
  public String department(String id) {
    return departmentOf(id)
        .map(d -> english() && d.nameEn() != null && !d.nameEn().isBlank() ? d.nameEn() : d.name())
        .orElse(id == null ? "" : id);
  }

  private Optional<Department> departmentOf(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return directory.find(DepartmentId.of(id));
    } catch (InvalidValueException notAnId) {
      return Optional.empty();
    }
  }

  /** A proof type by name in the page's language; its code when the catalogue does not know it. */
  public String proofType(String code) {
    return proofTypeOf(code)
        .map(t -> english() && t.nameEn() != null && !t.nameEn().isBlank() ? t.nameEn() : t.name())
        .orElse(code == null ? "" : code);
  }

  private Optional<ProofType> proofTypeOf(String code) {
    if (code == null || code.isBlank()) {
      return Optional.empty();
    }
    try {
      return catalogue.find(ProofTypeCode.of(code));
    } catch (InvalidValueException notACode) {
      return Optional.empty();
    }
  }

  /** A division as {@code 水部街道 (350102008)}; the bare code when unknown. */
  public String division(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    return divisions.stream()
        .filter(d -> d.code().value().equals(code))
        .findFirst()
        .map(d -> d.name() + " (" + code + ")")
        .orElse(code);
  }

  /** The proof catalogue, for the raise form. */
  public List<ProofTypeChoice> proofTypes() {
    return catalogue.all().stream()
        .map(
            t ->
                new ProofTypeChoice(
                    t.code().value(), proofType(t.code().value()), t.requiredFields()))
        .toList();
  }

  /** The street-level divisions (街道, 镇) of the directory, grouped by district. */
  public List<ChoiceGroup> streets() {
    Map<String, List<Choice>> byCounty = new LinkedHashMap<>();
    for (Division division : divisions) {
      DivisionCode code = division.code();
      if (code.isStreetLevel()) {
        byCounty
            .computeIfAbsent(code.county().value(), county -> new ArrayList<>())
            .add(new Choice(code.value(), division.name() + " (" + code.value() + ")"));
      }
    }
    List<ChoiceGroup> groups = new ArrayList<>();
    byCounty.forEach((county, streets) -> groups.add(new ChoiceGroup(division(county), streets)));
    return groups;
  }

  /** The departments that answer requests, other than {@code except}, to forward to. */
  public List<Choice> issuingDepartments(String except) {
    Collection<Department> all = directory.all();
    return all.stream()
        .filter(Department::issuing)
        .filter(d -> !d.id().value().equals(except))
        .map(d -> new Choice(d.id().value(), department(d.id().value()) + " (" + d.id() + ")"))
        .toList();
  }

  /** Every department of the directory, by name, for the audit office's search. */
  public List<Choice> departments() {
    return directory.all().stream()
        .map(d -> new Choice(d.id().value(), department(d.id().value()) + " (" + d.id() + ")"))
        .sorted(java.util.Comparator.comparing(Choice::value))
        .toList();
  }

  /**
   * The units a request awaiting dispatch at {@code authority} may be given to: the issuing units
   * under it ({@code RoutingPolicy.canDispatch}), other than {@code except}.
   */
  public List<Choice> unitsUnder(String authority, String except) {
    Optional<Department> above = departmentOf(authority);
    if (above.isEmpty()) {
      return List.of();
    }
    return directory.all().stream()
        .filter(Department::issuing)
        .filter(d -> directory.isSameOrAbove(above.get().id(), d.id()))
        .filter(d -> !d.id().value().equals(except))
        .map(d -> new Choice(d.id().value(), department(d.id().value()) + " (" + d.id() + ")"))
        .toList();
  }

  /** A local date-time for a {@code datetime-local} input: {@code 2026-11-03T17:30}. */
  public String localInput(Instant instant) {
    return instant == null ? "" : LOCAL_INPUT.format(instant);
  }

  private static final DateTimeFormatter LOCAL_INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZONE);

  /** Seconds as hours with one decimal, for the statistics: {@code 3.5}; empty for none. */
  public String secondsAsHours(Long seconds) {
    return StatisticsCharts.hours(seconds);
  }

  /** A share as a whole percentage: {@code 80%}; empty for none. */
  public String percent(Double share) {
    return StatisticsCharts.percent(share);
  }

  /**
   * Why offices were closed on a day the deadline skipped, in the page's language: the calendar
   * says {@code weekend} or {@code public holiday 元旦}.
   */
  public String closedDay(String reason) {
    if (reason == null) {
      return "";
    }
    java.util.Locale locale = LocaleContextHolder.getLocale();
    if ("weekend".equals(reason)) {
      return messages.getMessage("deadline.closed.weekend", null, reason, locale);
    }
    if (reason.startsWith("public holiday ")) {
      return messages.getMessage(
          "deadline.closed.holiday",
          new Object[] {reason.substring("public holiday ".length())},
          reason,
          locale);
    }
    return reason;
  }
}
