package org.proofassist.hub.api.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.api.security.HubUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replays of the projections: an auditor (or an administrator) rebuilds every view from the event
 * store and follows the progress. Who may call is decided in {@code SecurityConfiguration}.
 */
@RestController
@RequestMapping(ReplayController.PATH)
@Tag(name = "Replays", description = "重放: rebuild every projection from the event store")
public class ReplayController {

  static final String PATH = "/api/v1/admin/replays";

  private final Replays replays;

  public ReplayController(Replays replays) {
    this.replays = replays;
  }

  @PostMapping
  @Operation(
      summary = "Rebuild every projection from the event store",
      description =
          "Every streaming event processor is shut down, reset (its views dropped) and started"
              + " again; the replay runs in the background (202, Location names it). One replay"
              + " at a time: 409 REPLAY_RUNNING while one runs. Views are incomplete until it is"
              + " DONE.")
  public ResponseEntity<ProjectionReplay> start(@AuthenticationPrincipal HubUser user) {
    ProjectionReplay replay = replays.start(user.username());
    return ResponseEntity.accepted().location(URI.create(PATH + "/" + replay.id())).body(replay);
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "A replay's state and progress",
      description =
          "RUNNING, DONE or FAILED; per processor and in total: events done and total (global"
              + " positions up to the head at the start), events per second, estimated time"
              + " left (ISO-8601).")
  public ProjectionReplay one(@PathVariable String id) {
    return replays.find(id).orElseThrow(() -> new NotFoundException("no replay " + id));
  }
}
