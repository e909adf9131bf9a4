package org.proofassist.hub.api.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.proofassist.hub.api.calendar.CalendarEditions.Edition;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.api.security.HubUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editions of the working-day calendar: administrators install a new one (a holiday added or
 * moved), auditors and administrators read them.
 */
@RestController
@RequestMapping("/api/v1/admin/calendar/editions")
@Tag(name = "Calendar", description = "工作日历: editions of the working-day calendar")
public class CalendarController {

  private final CalendarEditions editions;
  private final DeadlineRecount recount;

  public CalendarController(CalendarEditions editions, DeadlineRecount recount) {
    this.editions = editions;
    this.recount = recount;
  }

  @GetMapping
  @Operation(summary = "Every edition of the calendar, the one in force first")
  public List<Edition> all() {
    return editions.all();
  }

  @GetMapping("/{edition}")
  @Operation(summary = "One edition: its changes and how far the deadlines were counted again")
  public Edition one(@PathVariable int edition) {
    return editions
        .find(edition)
        .orElseThrow(() -> new NotFoundException("no calendar edition " + edition));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Install a new edition of the calendar",
      description =
          "The body is the calendar in the format of fixtures/calendar.json. It is in force at"
              + " once; the deadlines of open requests are counted again on it in the background,"
              + " and each one that moves records DeadlineRecomputed. The same calendar again"
              + " changes nothing (200).")
  public ResponseEntity<Edition> install(
      @AuthenticationPrincipal HubUser user, @RequestBody byte[] calendar) {
    int before = editions.refresh();
    Edition edition;
    try {
      edition = editions.install(calendar, CalendarEditions.FROM_API, user.username());
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("calendar", "CALENDAR_INVALID", e.getMessage());
    }
    if (edition.edition() == before) {
      return ResponseEntity.ok(edition);
    }
    recount.submit(edition);
    return ResponseEntity.created(
            URI.create("/api/v1/admin/calendar/editions/" + edition.edition()))
        .body(edition);
  }
}
