package org.proofassist.hub.api.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.calendar.WorkingCalendar;
import org.proofassist.hub.projections.request.RequestView;

class DeadlineExplanationTest {

  private static final Instant RAISED = Instant.parse("2026-03-06T08:00:00Z"); // Friday 16:00
  private final ServiceLevelPolicy policy = new ServiceLevelPolicy(WorkingCalendar.weekendsOnly());

  private static RequestView view(String serviceLevel, Instant dueAt) {
    return new RequestView(
        "VR-0123456789ABCDEFGHJK",
        1,
        "ROUTED",
        "SAME_PERSON",
        "同一人证明",
        null,
        null,
        null,
        null,
        RAISED,
        dueAt,
        serviceLevel,
        "FZ-PSB-GULOU-SHUIBU",
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        RAISED,
        Set.of(),
        List.of(),
        null,
        null,
        Set.of(),
        List.of(),
        List.of());
  }

  @Test
  void aDeadlineIsExplainedWithTheWeekendItSkipped() {
    Instant due = Instant.parse("2026-03-09T08:00:00Z"); // Monday 16:00

    DeadlineExplanation explanation =
        DeadlineExplanation.of(view("1 working day", due), policy, OfficeTimetable.standard());

    assertThat(explanation.countedDueAt()).isEqualTo(due);
    assertThat(explanation.officeMinutes()).isEqualTo(390);
    assertThat(explanation.skippedDays())
        .extracting(DeadlineExplanation.SkippedDay::reason)
        .containsExactly("Saturday", "Sunday");
    assertThat(explanation.note()).isNull();
  }

  @Test
  void aRequestRaisedBeforeServiceLevelsInOfficeTimeKeepsItsDeadlineAndSaysWhy() {
    Instant due = RAISED.plusSeconds(24 * 3600);

    DeadlineExplanation explanation =
        DeadlineExplanation.of(view(null, due), policy, OfficeTimetable.standard());

    assertThat(explanation.dueAt()).isEqualTo(due);
    assertThat(explanation.countedDueAt()).isNull();
    assertThat(explanation.note()).contains("before deadlines were counted in office time");
  }
}
