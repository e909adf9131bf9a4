package org.proofassist.hub.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proofassist.hub.core.TestDirectory.CHATING;
import static org.proofassist.hub.core.TestDirectory.CIVIL_AFFAIRS;
import static org.proofassist.hub.core.TestDirectory.DONGJIE;
import static org.proofassist.hub.core.TestDirectory.GULOU;
import static org.proofassist.hub.core.TestDirectory.HOUSING_FUND;
import static org.proofassist.hub.core.TestDirectory.MARITAL_STATUS;
import static org.proofassist.hub.core.TestDirectory.NO_CRIMINAL_RECORD;
import static org.proofassist.hub.core.TestDirectory.PSB;
import static org.proofassist.hub.core.TestDirectory.SAME_PERSON;
import static org.proofassist.hub.core.TestDirectory.SERVICE_CENTRE;
import static org.proofassist.hub.core.TestDirectory.SHUIBU;
import static org.proofassist.hub.core.TestDirectory.TAIJIANG;
import static org.proofassist.hub.core.TestDirectory.demoMatter;
import static org.proofassist.hub.core.TestDirectory.demoSubject;
import static org.proofassist.hub.core.TestDirectory.demoSubjectIn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.TestDirectory;
import org.proofassist.hub.core.calendar.CalendarChange;
import org.proofassist.hub.core.calendar.CalendarDay;
import org.proofassist.hub.core.calendar.OfficeHours;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.calendar.WorkingCalendar;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.request.RequestRefusedException.Kind;
import org.proofassist.hub.core.routing.RoutingPolicy;
import org.proofassist.hub.core.routing.RoutingStep;
import org.proofassist.hub.core.seal.FakeReplySeal;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;

/**
 * The verification request aggregate, one behaviour per test, through Axon's {@link
 * AggregateTestFixture}.
 *
 * <p>Refusals are asserted on the exception that a command handler interceptor captures (its class,
 * {@link Kind} and code) rather than with {@code expectException(Matcher)}: hub-core's test
 * classpath has no hamcrest, so those overloads do not compile here. The fixture itself needs
 * hamcrest at run time; until {@code org.hamcrest:hamcrest} is a test dependency of hub-core these
 * tests are skipped by an assumption, loudly.
 */
class VerificationRequestTest {

  private static final Instant NOW = Instant.parse("2025-03-03T01:30:00Z");
  private static final Instant EARLIER = Instant.parse("2025-03-02T02:00:00Z");

  private static final RequestId ID = RequestId.of("VR-01HQ3K5Z8W2M4N6P7R9T");
  private static final String QUESTION = "请核实 350102680512123 与 350102196805121236 是否为同一人";
  private static final String STATEMENT = "经核查，两个身份号码系同一人";
  private static final Map<String, String> FACTS =
      Map.of("householdNumber", "350102-0012345", "formerIdNumber", "350102680512123");

  private static final Actor CLERK = new Actor("clerk.chen", SERVICE_CENTRE, Role.CLERK);
  private static final Actor OTHER_CLERK = new Actor("clerk.wu", HOUSING_FUND, Role.CLERK);
  private static final Actor SHUIBU_CLERK = new Actor("clerk.he", SHUIBU, Role.CLERK);
  private static final Actor SHUIBU_OFFICER = new Actor("officer.lin", SHUIBU, Role.OFFICER);
  private static final Actor SHUIBU_SUPERVISOR = new Actor("chief.gao", SHUIBU, Role.SUPERVISOR);
  private static final Actor DONGJIE_OFFICER = new Actor("officer.zheng", DONGJIE, Role.OFFICER);
  private static final Actor GULOU_SUPERVISOR = new Actor("chief.huang", GULOU, Role.SUPERVISOR);
  private static final Actor PSB_SUPERVISOR = new Actor("chief.chen", PSB, Role.SUPERVISOR);
  private static final Actor TAIJIANG_SUPERVISOR =
      new Actor("chief.zhou", TAIJIANG, Role.SUPERVISOR);
  private static final Actor AUDITOR = new Actor("auditor.xu", SERVICE_CENTRE, Role.AUDITOR);

  private static final List<RoutingStep> SHUIBU_PATH =
      List.of(
          new RoutingStep("county", "350102", GULOU),
          new RoutingStep("street", "350102008", SHUIBU));
  private static final String NO_STATION_FOR_HUADA =
      "no unit of FZ-PSB-GULOU covers street 350102007";

  private final AtomicReference<Exception> thrown = new AtomicReference<>();

  /** The calendar the fixture's policy counts on; a test may install a new edition. */
  private final AtomicReference<WorkingCalendar> calendarInForce =
      new AtomicReference<>(WorkingCalendar.weekendsOnly());

  private final FakeReplySeal seal = new FakeReplySeal();
  private FixtureConfiguration<VerificationRequest> fixture;

  @BeforeEach
  void setUp() {
    fixture = fixtureAt(NOW);
    fixture.registerCommandHandlerInterceptor(
        (unitOfWork, chain) -> {
          try {
            return chain.proceed();
          } catch (Exception e) {
            thrown.set(e);
            throw e;
          }
        });
  }

  @Nested
  class Raising {

    @Test
    void samePersonRequestIsRoutedToTheStationCoveringTheStreet() {
      fixture
          .givenNoPriorActivity()
          .when(raise(SAME_PERSON, demoSubject(), CLERK))
          .expectEvents(
              new VerificationRequestRaised(
                  ID,
                  SAME_PERSON,
                  demoSubject(),
                  demoMatter(),
                  QUESTION,
                  TestDirectory.SAME_PERSON_LEVEL,
                  TestDirectory.GRACE,
                  Instant.parse("2025-03-04T01:30:00Z"),
                  SHUIBU,
                  "idem-1",
                  "fp-1",
                  CLERK,
                  NOW),
              new RequestRouted(
                  ID,
                  GULOU,
                  SHUIBU,
                  RoutingRule.BY_HOUSEHOLD_REGISTRATION,
                  "350102008",
                  SHUIBU_PATH,
                  CLERK,
                  NOW));
      assertNotRefused();
    }

    @Test
    void noCriminalRecordRequestGoesToTheFixedDepartmentWhateverTheDivision() {
      Subject subject = demoSubjectIn(TestDirectory.BEIJING_STREET);
      fixture
          .givenNoPriorActivity()
          .when(raise(NO_CRIMINAL_RECORD, subject, CLERK))
          .expectEvents(
              new VerificationRequestRaised(
                  ID,
                  NO_CRIMINAL_RECORD,
                  subject,
                  demoMatter(),
                  QUESTION,
                  TestDirectory.NO_CRIMINAL_RECORD_LEVEL,
                  TestDirectory.GRACE,
                  NOW.plus(Duration.ofHours(72)),
                  TestDirectory.PSB,
                  "idem-1",
                  "fp-1",
                  CLERK,
                  NOW),
              new RequestRouted(
                  ID,
                  PSB,
                  PSB,
                  RoutingRule.FIXED_DEPARTMENT,
                  "FZ-PSB",
                  List.of(new RoutingStep("fixed department", "FZ-PSB", PSB)),
                  CLERK,
                  NOW));
      assertNotRefused();
    }

    @Test
    void theDeadlineIsCountedInTheUnitsOfficeHoursOnWorkingDays() {
      Instant friday1720 = Instant.parse("2025-03-07T09:20:00Z"); // 17:20 in Fuzhou
      FixtureConfiguration<VerificationRequest> onFriday = fixtureAt(friday1720);

      onFriday
          .givenNoPriorActivity()
          .when(raise(SAME_PERSON, demoSubject(), CLERK))
          .expectEvents(
              new VerificationRequestRaised(
                  ID,
                  SAME_PERSON,
                  demoSubject(),
                  demoMatter(),
                  QUESTION,
                  TestDirectory.SAME_PERSON_LEVEL,
                  TestDirectory.GRACE,
                  // ten minutes on Friday, the rest of the working day on Monday
                  Instant.parse("2025-03-10T09:20:00Z"),
                  SHUIBU,
                  "idem-1",
                  "fp-1",
                  CLERK,
                  friday1720),
              new RequestRouted(
                  ID,
                  GULOU,
                  SHUIBU,
                  RoutingRule.BY_HOUSEHOLD_REGISTRATION,
                  "350102008",
                  SHUIBU_PATH,
                  CLERK,
                  friday1720));
    }

    @Test
    void maritalStatusRequestIsAnsweredByTheCivilAffairsBureauItself() {
      Subject subject =
          new Subject("林某某", TestDirectory.DEMO_ID, null, TestDirectory.SHUIBU_STREET, null);
      fixture
          .givenNoPriorActivity()
          .when(
              new RaiseVerificationRequest(
                  ID, MARITAL_STATUS, subject, demoMatter(), null, OTHER_CLERK, null, null))
          .expectEvents(
              new VerificationRequestRaised(
                  ID,
                  MARITAL_STATUS,
                  subject,
                  demoMatter(),
                  null,
                  TestDirectory.MARITAL_STATUS_LEVEL,
                  TestDirectory.GRACE,
                  NOW.plus(Duration.ofHours(48)),
                  CIVIL_AFFAIRS,
                  null,
                  null,
                  OTHER_CLERK,
                  NOW),
              new RequestRouted(
                  ID,
                  CIVIL_AFFAIRS,
                  CIVIL_AFFAIRS,
                  RoutingRule.BY_HOUSEHOLD_REGISTRATION,
                  "350102008",
                  List.of(new RoutingStep("county", "350102", CIVIL_AFFAIRS)),
                  OTHER_CLERK,
                  NOW));
      assertNotRefused();
    }

    @Test
    void streetWithoutAStationLeavesTheRequestWithTheSubBureauToDispatch() {
      Subject subject = demoSubjectIn(TestDirectory.HUADA_STREET);
      fixture
          .givenNoPriorActivity()
          .when(raise(SAME_PERSON, subject, CLERK))
          .expectEvents(
              new VerificationRequestRaised(
                  ID,
                  SAME_PERSON,
                  subject,
                  demoMatter(),
                  QUESTION,
                  TestDirectory.SAME_PERSON_LEVEL,
                  TestDirectory.GRACE,
                  NOW.plus(Duration.ofHours(24)),
                  GULOU,
                  "idem-1",
                  "fp-1",
                  CLERK,
                  NOW),
              new RequestAwaitingDispatch(
                  ID,
                  GULOU,
                  RoutingRule.BY_HOUSEHOLD_REGISTRATION,
                  "350102007",
                  NO_STATION_FOR_HUADA,
                  List.of(new RoutingStep("county", "350102", GULOU)),
                  CLERK,
                  NOW));
      assertNotRefused();
    }

    @Test
    void officerCannotRaiseARequest() {
      fixture
          .givenNoPriorActivity()
          .when(raise(SAME_PERSON, demoSubject(), SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void clerkOfADepartmentThatDoesNotApproveCannotRaiseARequest() {
      fixture
          .givenNoPriorActivity()
          .when(raise(SAME_PERSON, demoSubject(), SHUIBU_CLERK))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_APPROVING_DEPARTMENT");
    }

    @Test
    void proofTypeMissingFromTheCatalogueIsRefused() {
      fixture
          .givenNoPriorActivity()
          .when(raise(ProofTypeCode.of("HOUSING_OWNERSHIP"), demoSubject(), CLERK))
          .expectNoEvents();
      assertRefusedForContent("UNKNOWN_PROOF_TYPE", "proofType");
    }

    @Test
    void samePersonRequestWithoutOtherIdNumbersIsRefused() {
      Subject subject =
          new Subject("林某某", TestDirectory.DEMO_ID, List.of(), TestDirectory.SHUIBU_STREET, null);
      fixture.givenNoPriorActivity().when(raise(SAME_PERSON, subject, CLERK)).expectNoEvents();
      assertRefusedForContent("FIELD_REQUIRED_BY_PROOF_TYPE", "subject.otherIdNumbers");
    }

    @Test
    void samePersonRequestWithoutHouseholdDivisionIsRefused() {
      fixture
          .givenNoPriorActivity()
          .when(raise(SAME_PERSON, demoSubjectIn(null), CLERK))
          .expectNoEvents();
      assertRefusedForContent("FIELD_REQUIRED_BY_PROOF_TYPE", "subject.householdDivision");
    }

    @Test
    void samePersonRequestAboutTheSameNumberTwiceIsRefused() {
      Subject subject =
          new Subject(
              "林某某",
              TestDirectory.DEMO_ID,
              List.of(CitizenIdNumber.of("350102196805121236")),
              TestDirectory.SHUIBU_STREET,
              null);
      fixture.givenNoPriorActivity().when(raise(SAME_PERSON, subject, CLERK)).expectNoEvents();
      assertRefusedForContent("SAME_NUMBER", "subject.otherIdNumbers");
    }

    @Test
    void divisionOfAnotherProvinceCannotBeRouted() {
      fixture
          .givenNoPriorActivity()
          .when(raise(SAME_PERSON, demoSubjectIn(TestDirectory.BEIJING_STREET), CLERK))
          .expectNoEvents();
      assertRefusedForContent("NOT_ROUTABLE", "subject.householdDivision");
    }

    @Test
    void divisionRoutedProofWithoutADivisionCannotBeRouted() {
      fixture
          .givenNoPriorActivity()
          .when(raise(MARITAL_STATUS, demoSubjectIn(null), CLERK))
          .expectNoEvents();
      assertRefusedForContent("NOT_ROUTABLE", "subject.householdDivision");
    }

    @Test
    void questionLongerThanTwoThousandCharactersIsRefused() {
      fixture
          .givenNoPriorActivity()
          .when(
              new RaiseVerificationRequest(
                  ID,
                  SAME_PERSON,
                  demoSubject(),
                  demoMatter(),
                  "问".repeat(2001),
                  CLERK,
                  null,
                  null))
          .expectNoEvents();
      assertRefusedForContent("TEXT_TOO_LONG", "question");
    }

    @Test
    void raiseWithoutASubjectIsRefused() {
      fixture
          .givenNoPriorActivity()
          .when(
              new RaiseVerificationRequest(
                  ID, MARITAL_STATUS, null, demoMatter(), QUESTION, CLERK, null, null))
          .expectNoEvents();
      assertRefusedForContent(refusalCode(), "subject");
    }

    @Test
    void raiseWithoutAMatterIsRefused() {
      fixture
          .givenNoPriorActivity()
          .when(
              new RaiseVerificationRequest(
                  ID, SAME_PERSON, demoSubject(), null, QUESTION, CLERK, null, null))
          .expectNoEvents();
      assertRefusedForContent(refusalCode(), "matter");
    }
  }

  @Nested
  class Timers {

    private final ServiceLevelPolicy policy =
        new ServiceLevelPolicy(WorkingCalendar.weekendsOnly());
    private AggregateTestFixture<VerificationRequest> timed;
    private final Instant start = NOW;
    private Instant due;

    @BeforeEach
    void fixtureWithTheFixturesOwnClock() {
      timed = fixtureWithMovingClock();
      due = policy.deadline(start, TestDirectory.SAME_PERSON_LEVEL, OfficeHours.DEFAULT).dueAt();
    }

    /** A fixture whose clock is the fixture's own time, which deadlines move forward. */
    private AggregateTestFixture<VerificationRequest> fixtureWithMovingClock() {
      AtomicReference<AggregateTestFixture<VerificationRequest>> self = new AtomicReference<>();
      Clock moving =
          new Clock() {
            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return self.get().currentTime();
            }
          };
      AggregateTestFixture<VerificationRequest> configured =
          (AggregateTestFixture<VerificationRequest>) fixtureWithClock(moving);
      self.set(configured);
      return configured;
    }

    @Test
    void raisingStartsTheClockAtTheDeadline() {
      timed
          .givenCurrentTime(start)
          .when(raise(SAME_PERSON, demoSubject(), CLERK))
          .expectScheduledDeadlineWithName(due, VerificationRequest.SERVICE_LEVEL_ENDS);
    }

    @Test
    void halfWayTheUnitIsReminded() {
      Instant half = policy.after(start, officeTimeToDue().dividedBy(2), OfficeHours.DEFAULT);
      timed
          .givenCurrentTime(start)
          .andGivenCommands(raise(SAME_PERSON, demoSubject(), CLERK))
          .whenTimeAdvancesTo(half.plusSeconds(1))
          .expectEventsMatching(payloads(ReminderIssued.class));
    }

    @Test
    void atTheDeadlineTheRequestIsEscalatedToTheSubBureau() {
      timed
          .givenCurrentTime(start)
          .andGivenCommands(raise(SAME_PERSON, demoSubject(), CLERK))
          .whenTimeAdvancesTo(due.plusSeconds(1))
          .expectEventsMatching(
              payloads(ReminderIssued.class, ReminderIssued.class, RequestEscalated.class))
          .expectScheduledDeadlineWithName(
              policy.after(due, officeTimeOfOneDay(), OfficeHours.DEFAULT),
              VerificationRequest.GRACE_ENDS);
    }

    @Test
    void whenTheGraceRunsOutTheRequestTimesOut() {
      timed
          .givenCurrentTime(start)
          .andGivenCommands(raise(SAME_PERSON, demoSubject(), CLERK))
          .whenTimeAdvancesTo(
              policy.after(due, officeTimeOfOneDay(), OfficeHours.DEFAULT).plusSeconds(1))
          .expectEventsMatching(
              payloads(
                  ReminderIssued.class,
                  ReminderIssued.class,
                  RequestEscalated.class,
                  RequestTimedOut.class));
    }

    @Test
    void noTimerActsOnAnAnsweredRequest() {
      timed
          .givenCurrentTime(start)
          .andGivenCommands(
              raise(SAME_PERSON, demoSubject(), CLERK),
              new AcceptRequest(ID, SHUIBU_OFFICER),
              new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .whenTimeAdvancesTo(due.plus(Duration.ofDays(7)))
          .expectNoEvents();
    }

    @Test
    void noTimerActsWhileAClarificationIsPending() {
      timed
          .givenCurrentTime(start)
          .andGivenCommands(
              raise(SAME_PERSON, demoSubject(), CLERK),
              new AcceptRequest(ID, SHUIBU_OFFICER),
              new RequestClarification(ID, "请提供旧身份证复印件", SHUIBU_OFFICER))
          .whenTimeAdvancesTo(due.plus(Duration.ofDays(7)))
          .expectNoEvents();
    }

    @Test
    void answeringTheClarificationStartsTheClockAgainWithTheTimeThatWasLeft() {
      // 240 minutes were left when the question was asked; answered Wednesday 09:00, they run
      // to 12:00 and then 60 minutes from 14:30: due Wednesday 15:30.
      Instant answered = Instant.parse("2025-03-05T01:00:00Z");
      Instant resumedDue = Instant.parse("2025-03-05T07:30:00Z");
      timed
          .givenCurrentTime(answered)
          .andGiven(
              history(
                  acceptedByShuibu(),
                  new ClarificationRequested(ID, SHUIBU, "请提供旧身份证复印件", SHUIBU_OFFICER, EARLIER),
                  new DeadlinePaused(ID, 240, SHUIBU_OFFICER, EARLIER)))
          .when(new ProvideClarification(ID, "已上传旧证复印件", CLERK))
          .expectEvents(
              new ClarificationProvided(ID, "已上传旧证复印件", CLERK, answered),
              new DeadlineResumed(ID, resumedDue, CLERK, answered))
          .expectScheduledDeadlineWithName(resumedDue, VerificationRequest.SERVICE_LEVEL_ENDS);
    }

    @Test
    void anExtendedDeadlineIsNotEscalatedAtTheOldOne() {
      Instant later = due.plus(Duration.ofDays(2));
      timed
          .givenCurrentTime(start)
          .andGivenCommands(
              raise(SAME_PERSON, demoSubject(), CLERK),
              new ExtendDeadline(ID, later, "需调取纸质底册", GULOU_SUPERVISOR))
          // the reminders and the deadline scheduled for the old deadline find it moved: nothing
          .whenTimeAdvancesTo(due.plus(Duration.ofHours(1)))
          .expectNoEvents();
    }

    @Test
    void aReminderThatFiresTwiceIsIssuedOnce() {
      Instant half = policy.after(start, officeTimeToDue().dividedBy(2), OfficeHours.DEFAULT);
      timed
          .givenCurrentTime(start)
          .andGivenCommands(raise(SAME_PERSON, demoSubject(), CLERK))
          // as if the 50 % reminder had run already, and its job ran again after a crash
          .andGiven(new ReminderIssued(ID, SHUIBU, 50, due, Actor.HUB, start))
          .whenTimeAdvancesTo(half.plusSeconds(1))
          .expectNoEvents();
    }

    @Test
    void anAnswerCancelsEveryTimer() {
      timed
          .givenCurrentTime(start)
          .andGivenCommands(
              raise(SAME_PERSON, demoSubject(), CLERK), new AcceptRequest(ID, SHUIBU_OFFICER))
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectNoScheduledDeadlines();
    }

    @Test
    void aClarificationCancelsTheTimersAndItsAnswerStartsThemAgain() {
      // asked at once, answered a week later: the whole working day is still left
      Instant answered = start.plus(Duration.ofDays(7));
      Instant resumedDue = policy.after(answered, officeTimeToDue(), OfficeHours.DEFAULT);
      timed
          .givenCurrentTime(start)
          .andGivenCommands(
              raise(SAME_PERSON, demoSubject(), CLERK),
              new AcceptRequest(ID, SHUIBU_OFFICER),
              new RequestClarification(ID, "请提供旧身份证复印件", SHUIBU_OFFICER))
          .andGivenCurrentTime(answered)
          .when(new ProvideClarification(ID, "已上传旧证复印件", CLERK))
          .expectNoScheduledDeadlineWithName(due, VerificationRequest.SERVICE_LEVEL_ENDS)
          .expectScheduledDeadlineWithName(resumedDue, VerificationRequest.SERVICE_LEVEL_ENDS);
    }

    @Test
    void anExtensionReplacesTheTimersOfTheOldDeadline() {
      Instant later = due.plus(Duration.ofDays(2));
      timed
          .givenCurrentTime(start)
          .andGivenCommands(raise(SAME_PERSON, demoSubject(), CLERK))
          .when(new ExtendDeadline(ID, later, "需调取纸质底册", GULOU_SUPERVISOR))
          .expectNoScheduledDeadlineWithName(due, VerificationRequest.SERVICE_LEVEL_ENDS)
          .expectScheduledDeadlineWithName(later, VerificationRequest.SERVICE_LEVEL_ENDS);
    }

    private Duration officeTimeToDue() {
      return policy.officeTimeBetween(start, due, OfficeHours.DEFAULT);
    }

    private Duration officeTimeOfOneDay() {
      return OfficeHours.DEFAULT.day();
    }

    @SafeVarargs
    private static org.hamcrest.Matcher<
            java.util.List<org.axonframework.eventhandling.EventMessage<?>>>
        payloads(Class<? extends RequestEvent>... types) {
      List<org.hamcrest.Matcher<? super Object>> matchers = new java.util.ArrayList<>();
      for (Class<? extends RequestEvent> type : types) {
        matchers.add(org.hamcrest.Matchers.instanceOf(type));
      }
      matchers.add(org.axonframework.test.matchers.Matchers.andNoMore());
      @SuppressWarnings({"unchecked", "rawtypes"})
      org.hamcrest.Matcher<java.util.List<org.axonframework.eventhandling.EventMessage<?>>>
          matcher =
              (org.hamcrest.Matcher)
                  org.axonframework.test.matchers.Matchers.payloadsMatching(
                      org.axonframework.test.matchers.Matchers.exactSequenceOf(
                          matchers.toArray(new org.hamcrest.Matcher[0])));
      return matcher;
    }
  }

  @Nested
  class CountingAgainOnANewCalendar {

    /** Raised Monday 3 March 2025 09:30 with one working day: due Tuesday 09:30. */
    private final Instant tuesday = Instant.parse("2025-03-04T01:30:00Z");

    /**
     * With Tuesday a holiday, the working day runs Monday 09:30–17:30 and Wednesday 08:30–09:30.
     */
    private final Instant wednesday = Instant.parse("2025-03-05T01:30:00Z");

    private final CalendarChange tuesdayOff =
        new CalendarChange(LocalDate.of(2025, 3, 4), "working day", "public holiday 测试假日");

    /** Installs an edition of the calendar in which Tuesday 4 March 2025 is a holiday. */
    private void tuesdayBecomesAHoliday() {
      calendarInForce.set(
          new WorkingCalendar(
              List.of(new CalendarDay(LocalDate.of(2025, 3, 4), CalendarDay.Kind.HOLIDAY, "测试假日")),
              List.of(2025),
              List.of()));
    }

    /** Runs the commands on the calendar without the holiday, then installs the new edition. */
    private org.axonframework.test.aggregate.TestExecutor<VerificationRequest>
        givenOnTheOldCalendar(Object... commands) {
      var given = fixture.givenCommands(commands);
      tuesdayBecomesAHoliday();
      return given;
    }

    @Test
    void aNewHolidayWithinTheClockMovesTheDeadlineAndSaysWhy() {
      givenOnTheOldCalendar(raise(SAME_PERSON, demoSubject(), CLERK))
          .when(new RecomputeDeadline(ID, 2, List.of(tuesdayOff)))
          .expectEvents(
              new DeadlineRecomputed(
                  ID, tuesday, wednesday, 2, List.of(tuesdayOff), Actor.HUB, NOW))
          .expectScheduledDeadlineWithName(wednesday, VerificationRequest.SERVICE_LEVEL_ENDS)
          .expectNoScheduledDeadlineWithName(tuesday, VerificationRequest.SERVICE_LEVEL_ENDS);
      assertNotRefused();
    }

    @Test
    void changesOutsideTheClockAreNotRecorded() {
      CalendarChange later =
          new CalendarChange(LocalDate.of(2025, 3, 20), "working day", "public holiday 其他");
      givenOnTheOldCalendar(raise(SAME_PERSON, demoSubject(), CLERK))
          .when(new RecomputeDeadline(ID, 2, List.of(later, tuesdayOff)))
          .expectEvents(
              new DeadlineRecomputed(
                  ID, tuesday, wednesday, 2, List.of(tuesdayOff), Actor.HUB, NOW));
    }

    @Test
    void aDeadlineTheNewCalendarDoesNotMoveRecordsNothing() {
      fixture
          .givenCommands(raise(SAME_PERSON, demoSubject(), CLERK))
          .when(new RecomputeDeadline(ID, 2, List.of()))
          .expectNoEvents();
      assertNotRefused();
    }

    @Test
    void aPausedClockIsLeftAlone() {
      givenOnTheOldCalendar(
              raise(SAME_PERSON, demoSubject(), CLERK),
              new AcceptRequest(ID, SHUIBU_OFFICER),
              new RequestClarification(ID, "请提供旧身份证复印件", SHUIBU_OFFICER))
          .when(new RecomputeDeadline(ID, 2, List.of(tuesdayOff)))
          .expectNoEvents();
    }

    @Test
    void aDeadlineASupervisorSetByHandIsKept() {
      givenOnTheOldCalendar(
              raise(SAME_PERSON, demoSubject(), CLERK),
              new ExtendDeadline(
                  ID, Instant.parse("2025-03-06T02:00:00Z"), "需调档", GULOU_SUPERVISOR))
          .when(new RecomputeDeadline(ID, 2, List.of(tuesdayOff)))
          .expectNoEvents();
    }

    @Test
    void anAnsweredRequestIsLeftAlone() {
      givenOnTheOldCalendar(
              raise(SAME_PERSON, demoSubject(), CLERK),
              new AcceptRequest(ID, SHUIBU_OFFICER),
              new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .when(new RecomputeDeadline(ID, 2, List.of(tuesdayOff)))
          .expectNoEvents();
    }
  }

  @Nested
  class ClosingOnACommitment {

    private List<Object> timedOut() {
      Instant due = EARLIER.plus(Duration.ofHours(24));
      Instant grace = due.plus(Duration.ofHours(24));
      return history(
          routedToShuibu(),
          new RequestEscalated(ID, GULOU, due, grace, Actor.HUB, due),
          new RequestTimedOut(ID, grace, Actor.HUB, grace));
    }

    @Test
    void afterATimeOutTheWindowClosesTheMatterOnTheApplicantsCommitment() {
      fixture
          .given(timedOut())
          .when(new AcceptCommitment(ID, "本人承诺两个身份证号码系同一人，如有不实愿承担责任。", CLERK))
          .expectEvents(
              new CommitmentAccepted(
                  ID, RequestStatus.ROUTED, "本人承诺两个身份证号码系同一人，如有不实愿承担责任。", CLERK, NOW));
      assertNotRefused();
    }

    @Test
    void beforeATimeOutTheProofIsStillAwaited() {
      fixture.given(routedToShuibu()).when(new AcceptCommitment(ID, "承诺", CLERK)).expectNoEvents();
      assertRefused(Kind.STATE, "NOT_TIMED_OUT");
    }

    @Test
    void onlyTheRaisingWindowAcceptsACommitment() {
      fixture.given(timedOut()).when(new AcceptCommitment(ID, "承诺", OTHER_CLERK)).expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_RAISER");
    }

    @Test
    void aCommitmentNeedsItsStatement() {
      fixture.given(timedOut()).when(new AcceptCommitment(ID, " ", CLERK)).expectNoEvents();
      assertRefusedForContent(refusalCode(), "statement");
    }
  }

  @Nested
  class ExtendingTheDeadline {

    /** routedToShuibu() is raised EARLIER with one working day: due Monday 3 March 10:00. */
    private final Instant dueAt = EARLIER.plus(Duration.ofHours(24));

    @Test
    void theSupervisingSubBureauGrantsMoreTimeWithAReason() {
      Instant until = Instant.parse("2025-03-05T02:00:00Z");
      fixture
          .given(routedToShuibu())
          .when(new ExtendDeadline(ID, until, "需调取档案室纸质户籍底册", GULOU_SUPERVISOR))
          .expectEvents(
              new DeadlineExtended(ID, dueAt, until, "需调取档案室纸质户籍底册", GULOU_SUPERVISOR, NOW));
      assertNotRefused();
    }

    @Test
    void anExtensionIntoThePastIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new ExtendDeadline(ID, NOW.minusSeconds(60), "太忙", GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefusedForContent("EXTENSION_IN_PAST", "until");
    }

    @Test
    void anExtensionBeyondTheCataloguesMaximumIsRefused() {
      // Five working days after Monday 10:00 is the next Monday 10:00; Tuesday is too far.
      fixture
          .given(routedToShuibu())
          .when(
              new ExtendDeadline(
                  ID, Instant.parse("2025-03-11T02:00:00Z"), "档案在外地", GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefusedForContent("EXTENSION_TOO_LONG", "until");
    }

    @Test
    void theMostTheCatalogueAllowsIsGranted() {
      Instant limit = Instant.parse("2025-03-10T02:00:00Z");
      fixture
          .given(routedToShuibu())
          .when(new ExtendDeadline(ID, limit, "档案在外地", GULOU_SUPERVISOR))
          .expectEvents(new DeadlineExtended(ID, dueAt, limit, "档案在外地", GULOU_SUPERVISOR, NOW));
    }

    @Test
    void anOfficerCannotExtendADeadline() {
      fixture
          .given(routedToShuibu())
          .when(
              new ExtendDeadline(ID, Instant.parse("2025-03-05T02:00:00Z"), "自己延期", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void aSupervisorOfAnotherSubBureauCannotExtendADeadline() {
      fixture
          .given(routedToShuibu())
          .when(
              new ExtendDeadline(
                  ID, Instant.parse("2025-03-05T02:00:00Z"), "不是我管", TAIJIANG_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_SUPERVISING_AUTHORITY");
    }

    @Test
    void anAnsweredRequestHasNoDeadlineToExtend() {
      fixture
          .given(answered())
          .when(
              new ExtendDeadline(
                  ID, Instant.parse("2025-03-05T02:00:00Z"), "已答复", GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void aPausedDeadlineCannotBeExtended() {
      fixture
          .given(clarificationPending())
          .when(
              new ExtendDeadline(
                  ID, Instant.parse("2025-03-05T02:00:00Z"), "等补件", GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.STATE, "CLOCK_PAUSED");
    }

    @Test
    void aSecondExtensionCountsFromTheExtendedDeadline() {
      Instant first = Instant.parse("2025-03-05T02:00:00Z");
      Instant second = Instant.parse("2025-03-12T02:00:00Z"); // five working days after the first
      fixture
          .given(
              history(
                  routedToShuibu(),
                  new DeadlineExtended(ID, dueAt, first, "第一次", GULOU_SUPERVISOR, EARLIER)))
          .when(new ExtendDeadline(ID, second, "第二次", GULOU_SUPERVISOR))
          .expectEvents(new DeadlineExtended(ID, first, second, "第二次", GULOU_SUPERVISOR, NOW));
    }
  }

  @Nested
  class Accepting {

    @Test
    void assignedStationAcceptsARoutedRequest() {
      fixture
          .given(routedToShuibu())
          .when(new AcceptRequest(ID, SHUIBU_OFFICER))
          .expectEvents(new RequestAccepted(ID, SHUIBU, SHUIBU_OFFICER, NOW));
      assertNotRefused();
    }

    @Test
    void stationSupervisorMayAcceptLikeAnOfficer() {
      fixture
          .given(routedToShuibu())
          .when(new AcceptRequest(ID, SHUIBU_SUPERVISOR))
          .expectEvents(new RequestAccepted(ID, SHUIBU, SHUIBU_SUPERVISOR, NOW));
      assertNotRefused();
    }

    @Test
    void clerkCannotAcceptARequest() {
      fixture.given(routedToShuibu()).when(new AcceptRequest(ID, CLERK)).expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void stationTheRequestWasNotRoutedToCannotAcceptIt() {
      fixture.given(routedToShuibu()).when(new AcceptRequest(ID, DONGJIE_OFFICER)).expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void requestAwaitingDispatchCannotBeAcceptedByTheSubBureau() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new AcceptRequest(ID, GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void acceptedRequestCannotBeAcceptedAgain() {
      fixture
          .given(acceptedByShuibu())
          .when(new AcceptRequest(ID, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void withdrawnRequestCannotBeAccepted() {
      fixture.given(withdrawn()).when(new AcceptRequest(ID, SHUIBU_OFFICER)).expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }
  }

  @Nested
  class Dispatching {

    @Test
    void subBureauSupervisorDispatchesAWaitingRequestToOneOfItsStations() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, DONGJIE, GULOU_SUPERVISOR))
          .expectEvents(new RequestDispatched(ID, GULOU, DONGJIE, GULOU_SUPERVISOR, NOW));
      assertNotRefused();
    }

    @Test
    void dispatchedRequestIsAcceptedByTheChosenStation() {
      fixture
          .given(dispatchedToDongjie())
          .when(new AcceptRequest(ID, DONGJIE_OFFICER))
          .expectEvents(new RequestAccepted(ID, DONGJIE, DONGJIE_OFFICER, NOW));
      assertNotRefused();
    }

    @Test
    void cityBureauSupervisorMayDispatchForItsSubBureau() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, DONGJIE, PSB_SUPERVISOR))
          .expectEvents(new RequestDispatched(ID, GULOU, DONGJIE, PSB_SUPERVISOR, NOW));
      assertNotRefused();
    }

    @Test
    void supervisorMayRedirectARoutedRequestThatNobodyAcceptedYet() {
      fixture
          .given(routedToShuibu())
          .when(new DispatchRequest(ID, DONGJIE, GULOU_SUPERVISOR))
          .expectEvents(new RequestDispatched(ID, GULOU, DONGJIE, GULOU_SUPERVISOR, NOW));
      assertNotRefused();
    }

    @Test
    void officerCannotDispatch() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, DONGJIE, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void supervisorOfAnotherSubBureauCannotDispatch() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, DONGJIE, TAIJIANG_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_SUPERVISING_AUTHORITY");
    }

    @Test
    void stationSupervisorCannotDispatchForTheSubBureauAboveIt() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, DONGJIE, SHUIBU_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_SUPERVISING_AUTHORITY");
    }

    @Test
    void dispatchToAStationOfAnotherSubBureauIsRefused() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, CHATING, GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefusedForContent("NOT_A_UNIT_OF_AUTHORITY", "unit");
    }

    @Test
    void dispatchToTheSubBureauItselfIsRefusedBecauseItDoesNotAnswer() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, GULOU, GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefusedForContent("NOT_A_UNIT_OF_AUTHORITY", "unit");
    }

    @Test
    void dispatchToADepartmentOutsideTheDirectoryIsRefused() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, DepartmentId.of("FZ-PSB-GULOU-NOWHERE"), GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefusedForContent("NOT_A_UNIT_OF_AUTHORITY", "unit");
    }

    @Test
    void dispatchWithoutAUnitIsRefused() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new DispatchRequest(ID, null, GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefusedForContent("UNIT_MISSING", "unit");
    }

    @Test
    void dispatchToTheStationThatAlreadyHasTheRequestIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new DispatchRequest(ID, SHUIBU, GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefusedForContent("ALREADY_ASSIGNED", "unit");
    }

    @Test
    void acceptedRequestCannotBeDispatched() {
      fixture
          .given(acceptedByShuibu())
          .when(new DispatchRequest(ID, DONGJIE, GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }
  }

  @Nested
  class Forwarding {

    @Test
    void stationForwardsARequestToTheNeighbouringStation() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, DONGJIE, "户籍已迁至东街", SHUIBU_OFFICER))
          .expectEvents(
              new RequestForwarded(
                  ID,
                  SHUIBU,
                  GULOU,
                  DONGJIE,
                  "户籍已迁至东街",
                  List.of(
                      new RoutingStep("forwarded to", "FZ-PSB-GULOU-DONGJIE", GULOU),
                      new RoutingStep("unit", "FZ-PSB-GULOU-DONGJIE", DONGJIE)),
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void stationMayForwardARequestItHasAlreadyAccepted() {
      fixture
          .given(acceptedByShuibu())
          .when(new ForwardRequest(ID, DONGJIE, "户籍已迁至东街", SHUIBU_OFFICER))
          .expectEvents(
              new RequestForwarded(
                  ID,
                  SHUIBU,
                  GULOU,
                  DONGJIE,
                  "户籍已迁至东街",
                  List.of(
                      new RoutingStep("forwarded to", "FZ-PSB-GULOU-DONGJIE", GULOU),
                      new RoutingStep("unit", "FZ-PSB-GULOU-DONGJIE", DONGJIE)),
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void forwardedRequestIsAcceptedByTheNewStation() {
      fixture
          .given(forwardedToDongjie())
          .when(new AcceptRequest(ID, DONGJIE_OFFICER))
          .expectEvents(new RequestAccepted(ID, DONGJIE, DONGJIE_OFFICER, NOW));
      assertNotRefused();
    }

    @Test
    void stationThatForwardedTheRequestCannotAcceptItAnyMore() {
      fixture
          .given(forwardedToDongjie())
          .when(new AcceptRequest(ID, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void forwardToTheSubBureauLeavesTheRequestAwaitingItsDispatch() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, GULOU, "地址无法确认", SHUIBU_OFFICER))
          .expectEvents(
              new RequestForwarded(
                  ID,
                  SHUIBU,
                  GULOU,
                  null,
                  "地址无法确认",
                  List.of(new RoutingStep("forwarded to", "FZ-PSB-GULOU", GULOU)),
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void requestForwardedToTheSubBureauIsDispatchedByIt() {
      fixture
          .given(forwardedToGulou())
          .when(new DispatchRequest(ID, DONGJIE, GULOU_SUPERVISOR))
          .expectEvents(new RequestDispatched(ID, GULOU, DONGJIE, GULOU_SUPERVISOR, NOW));
      assertNotRefused();
    }

    @Test
    void stationForwardsToAStationOfAnotherSubBureau() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, CHATING, "户籍在台江区", SHUIBU_OFFICER))
          .expectEvents(
              new RequestForwarded(
                  ID,
                  SHUIBU,
                  TAIJIANG,
                  CHATING,
                  "户籍在台江区",
                  List.of(
                      new RoutingStep("forwarded to", "FZ-PSB-TAIJIANG-CHATING", TAIJIANG),
                      new RoutingStep("unit", "FZ-PSB-TAIJIANG-CHATING", CHATING)),
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void forwardToItselfIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, SHUIBU, "转自己", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("FORWARD_TO_SELF", "to");
    }

    @Test
    void forwardToADepartmentOutsideTheDirectoryIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(
              new ForwardRequest(
                  ID, DepartmentId.of("FZ-PSB-GULOU-NOWHERE"), "不存在的部门", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("UNKNOWN_DEPARTMENT", "to");
    }

    @Test
    void forwardToADepartmentOfAnotherKindIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, CIVIL_AFFAIRS, "请民政核实", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("NOT_COMPETENT", "to");
    }

    @Test
    void forwardAboveTheKindOfAuthorityThatAnswersIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, PSB, "请市局处理", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("NOT_COMPETENT", "to");
    }

    @Test
    void forwardWithoutAReasonIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, DONGJIE, "  ", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("TEXT_MISSING", "reason");
    }

    @Test
    void forwardWithoutATargetIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, null, "户籍已迁出", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("TARGET_MISSING", "to");
    }

    @Test
    void stationTheRequestWasNotRoutedToCannotForwardIt() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, CHATING, "户籍在台江区", DONGJIE_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void clerkCannotForwardARequest() {
      fixture
          .given(routedToShuibu())
          .when(new ForwardRequest(ID, DONGJIE, "户籍已迁至东街", CLERK))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void answeredRequestCannotBeForwarded() {
      fixture
          .given(answered())
          .when(new ForwardRequest(ID, DONGJIE, "户籍已迁至东街", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }
  }

  @Nested
  class AskingForClarification {

    @Test
    void stationAsksTheRaisingWindowAQuestion() {
      fixture
          .given(acceptedByShuibu())
          .when(new RequestClarification(ID, "请提供旧身份证复印件", SHUIBU_OFFICER))
          .expectEvents(
              new ClarificationRequested(ID, SHUIBU, "请提供旧身份证复印件", SHUIBU_OFFICER, NOW),
              // due Monday 10:00, asked at 09:30: half an hour of office time is kept
              new DeadlinePaused(ID, 30, SHUIBU_OFFICER, NOW));
      assertNotRefused();
    }

    @Test
    void clarificationCannotBeAskedBeforeAccepting() {
      fixture
          .given(routedToShuibu())
          .when(new RequestClarification(ID, "请提供旧身份证复印件", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void secondQuestionCannotBeAskedWhileOneIsPending() {
      fixture
          .given(clarificationPending())
          .when(new RequestClarification(ID, "还有一个问题", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void blankQuestionIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(new RequestClarification(ID, "", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("TEXT_MISSING", "question");
    }

    @Test
    void stationTheRequestWasNotRoutedToCannotAskAboutIt() {
      fixture
          .given(acceptedByShuibu())
          .when(new RequestClarification(ID, "请提供旧身份证复印件", DONGJIE_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void clerkCannotAskForClarification() {
      fixture
          .given(acceptedByShuibu())
          .when(new RequestClarification(ID, "请提供旧身份证复印件", CLERK))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }
  }

  @Nested
  class ProvidingClarification {

    @Test
    void raisingWindowAnswersThePendingQuestion() {
      fixture
          .given(clarificationPending())
          .when(new ProvideClarification(ID, "已上传旧证复印件", CLERK))
          .expectEvents(
              new ClarificationProvided(ID, "已上传旧证复印件", CLERK, NOW),
              // answered Monday 09:30 with half an hour left: due 10:00
              new DeadlineResumed(ID, Instant.parse("2025-03-03T02:00:00Z"), CLERK, NOW));
      assertNotRefused();
    }

    @Test
    void answeredClarificationLetsTheStationReply() {
      fixture
          .given(clarified())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectEvents(
              new ReplyIssued(
                  ID,
                  SHUIBU,
                  ReplyOutcome.CONFIRMED,
                  STATEMENT,
                  FACTS,
                  stampOfShuibu(ReplyOutcome.CONFIRMED),
                  false,
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void clarificationAnswerWhenNoneIsPendingIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(new ProvideClarification(ID, "已上传旧证复印件", CLERK))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void clerkOfAnotherDepartmentCannotAnswerTheQuestion() {
      fixture
          .given(clarificationPending())
          .when(new ProvideClarification(ID, "已上传旧证复印件", OTHER_CLERK))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_RAISER");
    }

    @Test
    void officerCannotAnswerTheQuestion() {
      fixture
          .given(clarificationPending())
          .when(new ProvideClarification(ID, "已上传旧证复印件", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void blankAnswerIsRefused() {
      fixture
          .given(clarificationPending())
          .when(new ProvideClarification(ID, " ", CLERK))
          .expectNoEvents();
      assertRefusedForContent("TEXT_MISSING", "answer");
    }
  }

  @Nested
  class IssuingAReply {

    @Test
    void aReplyAfterTheTimeOutIsAcceptedAndMarkedLate() {
      Instant due = EARLIER.plus(Duration.ofHours(24));
      Instant grace = due.plus(Duration.ofHours(24));
      fixture
          .given(
              history(
                  acceptedByShuibu(),
                  new RequestEscalated(ID, GULOU, due, grace, Actor.HUB, due),
                  new RequestTimedOut(ID, grace, Actor.HUB, grace)))
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectEvents(
              new ReplyIssued(
                  ID,
                  SHUIBU,
                  ReplyOutcome.CONFIRMED,
                  STATEMENT,
                  FACTS,
                  stampOfShuibu(ReplyOutcome.CONFIRMED),
                  true,
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void acceptedRequestIsAnsweredWithAReplySealedByTheStation() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectEvents(
              new ReplyIssued(
                  ID,
                  SHUIBU,
                  ReplyOutcome.CONFIRMED,
                  STATEMENT,
                  FACTS,
                  new StampedReply(
                      "jws.VR-01HQ3K5Z8W2M4N6P7R9T.CONFIRMED",
                      "digest.VR-01HQ3K5Z8W2M4N6P7R9T",
                      SHUIBU,
                      "5EA1",
                      "CN=FZ-PSB-GULOU-SHUIBU test seal",
                      NOW),
                  false,
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void sealCoversTheRequestTheStatementTheOfficerAndTheTime() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.NOT_CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER));
      assertNotRefused();
      assertThat(seal.sealed())
          .containsExactly(
              new ReplyContent(
                  ID,
                  SAME_PERSON,
                  demoSubject(),
                  demoMatter(),
                  QUESTION,
                  ReplyOutcome.NOT_CONFIRMED,
                  STATEMENT,
                  FACTS,
                  SHUIBU,
                  "officer.lin",
                  NOW));
    }

    @Test
    void replyWithoutFactsRecordsNoFacts() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.NOT_CONFIRMED, STATEMENT, null, SHUIBU_OFFICER))
          .expectEvents(
              new ReplyIssued(
                  ID,
                  SHUIBU,
                  ReplyOutcome.NOT_CONFIRMED,
                  STATEMENT,
                  Map.of(),
                  stampOfShuibu(ReplyOutcome.NOT_CONFIRMED),
                  false,
                  SHUIBU_OFFICER,
                  NOW));
      assertNotRefused();
    }

    @Test
    void answerBeforeAcceptIsRefused() {
      fixture
          .given(routedToShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void answeredRequestCannotBeAnsweredAgain() {
      fixture
          .given(answered())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void answerWhileAQuestionIsPendingIsRefused() {
      fixture
          .given(clarificationPending())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void replyWithoutOutcomeIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, null, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("OUTCOME_MISSING", "outcome");
    }

    @Test
    void replyWithBlankStatementIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, "\t", FACTS, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("TEXT_MISSING", "statement");
    }

    @Test
    void replyWithABlankFactIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(
              new IssueReply(
                  ID,
                  ReplyOutcome.CONFIRMED,
                  STATEMENT,
                  Map.of("householdNumber", " "),
                  SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("TEXT_MISSING", "facts.householdNumber");
    }

    @Test
    void replyWithAFactWithoutNameIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(
              new IssueReply(
                  ID, ReplyOutcome.CONFIRMED, STATEMENT, Map.of("", "350102"), SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("FACT_NAME", "facts");
    }

    @Test
    void replyWithMoreThanFiftyFactsIsRefused() {
      Map<String, String> facts = new HashMap<>();
      for (int i = 1; i <= 51; i++) {
        facts.put("fact" + i, "value " + i);
      }
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, facts, SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("TOO_MANY_FACTS", "facts");
    }

    @Test
    void refusedReplyIsNeverSealed() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, "", FACTS, SHUIBU_OFFICER));
      assertRefusedForContent("TEXT_MISSING", "statement");
      assertThat(seal.sealed()).isEmpty();
    }

    @Test
    void stationTheRequestWasNotRoutedToCannotAnswerIt() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, DONGJIE_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void subBureauSupervisorCannotAnswerForItsStation() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, GULOU_SUPERVISOR))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void auditorCannotAnswer() {
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, AUDITOR))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void replyIsNotRecordedWhenTheStationHasNoUsableSeal() {
      seal.revoke(SHUIBU);
      fixture
          .given(acceptedByShuibu())
          .when(new IssueReply(ID, ReplyOutcome.CONFIRMED, STATEMENT, FACTS, SHUIBU_OFFICER))
          .expectNoEvents();
      assertThat(thrown.get()).isInstanceOf(SealUnavailableException.class);
    }
  }

  @Nested
  class Declining {

    @Test
    void stationDeclinesWithAReason() {
      fixture
          .given(acceptedByShuibu())
          .when(new DeclineRequest(ID, DeclineReason.NO_RECORD, "查无此人户籍记录", SHUIBU_OFFICER))
          .expectEvents(
              new RequestDeclined(
                  ID, SHUIBU, DeclineReason.NO_RECORD, "查无此人户籍记录", SHUIBU_OFFICER, NOW));
      assertNotRefused();
    }

    @Test
    void stationMayDeclineWithoutAcceptingFirst() {
      fixture
          .given(routedToShuibu())
          .when(new DeclineRequest(ID, DeclineReason.NOT_COMPETENT, "非本所辖区", SHUIBU_OFFICER))
          .expectEvents(
              new RequestDeclined(
                  ID, SHUIBU, DeclineReason.NOT_COMPETENT, "非本所辖区", SHUIBU_OFFICER, NOW));
      assertNotRefused();
    }

    @Test
    void stationMayDeclineWhileItsQuestionIsPending() {
      fixture
          .given(clarificationPending())
          .when(new DeclineRequest(ID, DeclineReason.INSUFFICIENT_DATA, "窗口未补充材料", SHUIBU_OFFICER))
          .expectEvents(
              new RequestDeclined(
                  ID, SHUIBU, DeclineReason.INSUFFICIENT_DATA, "窗口未补充材料", SHUIBU_OFFICER, NOW));
      assertNotRefused();
    }

    @Test
    void declineWithoutReasonCodeIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(new DeclineRequest(ID, null, "查无此人户籍记录", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("REASON_CODE_MISSING", "reasonCode");
    }

    @Test
    void declineWithBlankReasonIsRefused() {
      fixture
          .given(acceptedByShuibu())
          .when(new DeclineRequest(ID, DeclineReason.OTHER, "", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefusedForContent("TEXT_MISSING", "reason");
    }

    @Test
    void declinedRequestCannotBeDeclinedAgain() {
      fixture
          .given(declined())
          .when(new DeclineRequest(ID, DeclineReason.OTHER, "再次拒绝", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void answeredRequestCannotBeDeclined() {
      fixture
          .given(answered())
          .when(new DeclineRequest(ID, DeclineReason.OTHER, "改变主意", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void stationTheRequestWasNotRoutedToCannotDeclineIt() {
      fixture
          .given(acceptedByShuibu())
          .when(new DeclineRequest(ID, DeclineReason.OTHER, "不是我们的", DONGJIE_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_ASSIGNEE");
    }

    @Test
    void clerkCannotDecline() {
      fixture
          .given(acceptedByShuibu())
          .when(new DeclineRequest(ID, DeclineReason.OTHER, "窗口不能拒绝", CLERK))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }
  }

  @Nested
  class Withdrawing {

    @Test
    void raisingWindowWithdrawsARoutedRequest() {
      fixture
          .given(routedToShuibu())
          .when(new WithdrawRequest(ID, "申请人撤回申请", CLERK))
          .expectEvents(new RequestWithdrawn(ID, RequestStatus.ROUTED, "申请人撤回申请", CLERK, NOW));
      assertNotRefused();
    }

    @Test
    void withdrawalRecordsThatTheRequestWasAwaitingDispatch() {
      fixture
          .given(awaitingDispatchAtGulou())
          .when(new WithdrawRequest(ID, "申请人撤回申请", CLERK))
          .expectEvents(
              new RequestWithdrawn(ID, RequestStatus.AWAITING_DISPATCH, "申请人撤回申请", CLERK, NOW));
      assertNotRefused();
    }

    @Test
    void withdrawalRecordsThatAQuestionWasPending() {
      fixture
          .given(clarificationPending())
          .when(new WithdrawRequest(ID, "材料不全，改日再办", CLERK))
          .expectEvents(
              new RequestWithdrawn(
                  ID, RequestStatus.CLARIFICATION_REQUESTED, "材料不全，改日再办", CLERK, NOW));
      assertNotRefused();
    }

    @Test
    void requestCannotBeWithdrawnAfterClosure() {
      fixture.given(closed()).when(new WithdrawRequest(ID, "申请人撤回申请", CLERK)).expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void answeredRequestCannotBeWithdrawn() {
      fixture.given(answered()).when(new WithdrawRequest(ID, "申请人撤回申请", CLERK)).expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void withdrawnRequestCannotBeWithdrawnAgain() {
      fixture.given(withdrawn()).when(new WithdrawRequest(ID, "再撤一次", CLERK)).expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void clerkOfAnotherDepartmentCannotWithdraw() {
      fixture
          .given(routedToShuibu())
          .when(new WithdrawRequest(ID, "申请人撤回申请", OTHER_CLERK))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_RAISER");
    }

    @Test
    void officerCannotWithdraw() {
      fixture
          .given(routedToShuibu())
          .when(new WithdrawRequest(ID, "申请人撤回申请", SHUIBU_OFFICER))
          .expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }

    @Test
    void withdrawalWithoutReasonIsRefused() {
      fixture.given(routedToShuibu()).when(new WithdrawRequest(ID, null, CLERK)).expectNoEvents();
      assertRefusedForContent("TEXT_MISSING", "reason");
    }
  }

  @Nested
  class Acknowledging {

    @Test
    void raisingWindowAcknowledgesTheReply() {
      fixture
          .given(answered())
          .when(new AcknowledgeReply(ID, CLERK))
          .expectEvents(new ReplyAcknowledged(ID, CLERK, NOW));
      assertNotRefused();
    }

    @Test
    void replyCannotBeAcknowledgedBeforeItIsIssued() {
      fixture.given(acceptedByShuibu()).when(new AcknowledgeReply(ID, CLERK)).expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void closedRequestCannotBeAcknowledgedAgain() {
      fixture.given(closed()).when(new AcknowledgeReply(ID, CLERK)).expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void declinedRequestHasNoReplyToAcknowledge() {
      fixture.given(declined()).when(new AcknowledgeReply(ID, CLERK)).expectNoEvents();
      assertRefused(Kind.STATE, "ILLEGAL_TRANSITION");
    }

    @Test
    void clerkOfAnotherDepartmentCannotAcknowledge() {
      fixture.given(answered()).when(new AcknowledgeReply(ID, OTHER_CLERK)).expectNoEvents();
      assertRefused(Kind.PERMISSION, "NOT_RAISER");
    }

    @Test
    void auditorCannotAcknowledge() {
      fixture.given(answered()).when(new AcknowledgeReply(ID, AUDITOR)).expectNoEvents();
      assertRefused(Kind.PERMISSION, "ROLE_NOT_ALLOWED");
    }
  }

  // ---- commands and histories -------------------------------------------------------------

  private static RaiseVerificationRequest raise(
      ProofTypeCode proofType, Subject subject, Actor actor) {
    return new RaiseVerificationRequest(
        ID, proofType, subject, demoMatter(), QUESTION, actor, "idem-1", "fp-1");
  }

  private static VerificationRequestRaised raisedAbout(Subject subject) {
    return new VerificationRequestRaised(
        ID,
        SAME_PERSON,
        subject,
        demoMatter(),
        QUESTION,
        TestDirectory.SAME_PERSON_LEVEL,
        TestDirectory.GRACE,
        EARLIER.plus(Duration.ofHours(24)),
        SHUIBU,
        "idem-1",
        "fp-1",
        CLERK,
        EARLIER);
  }

  private static List<Object> routedToShuibu() {
    return List.of(
        raisedAbout(demoSubject()),
        new RequestRouted(
            ID,
            GULOU,
            SHUIBU,
            RoutingRule.BY_HOUSEHOLD_REGISTRATION,
            "350102008",
            SHUIBU_PATH,
            CLERK,
            EARLIER));
  }

  private static List<Object> acceptedByShuibu() {
    return history(routedToShuibu(), new RequestAccepted(ID, SHUIBU, SHUIBU_OFFICER, EARLIER));
  }

  private static List<Object> clarificationPending() {
    return history(
        acceptedByShuibu(),
        new ClarificationRequested(ID, SHUIBU, "请提供旧身份证复印件", SHUIBU_OFFICER, EARLIER),
        new DeadlinePaused(ID, 30, SHUIBU_OFFICER, EARLIER));
  }

  private static List<Object> clarified() {
    return history(
        clarificationPending(), new ClarificationProvided(ID, "已上传旧证复印件", CLERK, EARLIER));
  }

  private static List<Object> answered() {
    return history(
        acceptedByShuibu(),
        new ReplyIssued(
            ID,
            SHUIBU,
            ReplyOutcome.CONFIRMED,
            STATEMENT,
            FACTS,
            stampOfShuibu(ReplyOutcome.CONFIRMED),
            false,
            SHUIBU_OFFICER,
            EARLIER));
  }

  private static List<Object> closed() {
    return history(answered(), new ReplyAcknowledged(ID, CLERK, EARLIER));
  }

  private static List<Object> declined() {
    return history(
        acceptedByShuibu(),
        new RequestDeclined(
            ID, SHUIBU, DeclineReason.NO_RECORD, "查无此人户籍记录", SHUIBU_OFFICER, EARLIER));
  }

  private static List<Object> withdrawn() {
    return history(
        routedToShuibu(),
        new RequestWithdrawn(ID, RequestStatus.ROUTED, "申请人撤回申请", CLERK, EARLIER));
  }

  private static List<Object> awaitingDispatchAtGulou() {
    return List.of(
        raisedAbout(demoSubjectIn(TestDirectory.HUADA_STREET)),
        new RequestAwaitingDispatch(
            ID,
            GULOU,
            RoutingRule.BY_HOUSEHOLD_REGISTRATION,
            "350102007",
            NO_STATION_FOR_HUADA,
            List.of(new RoutingStep("county", "350102", GULOU)),
            CLERK,
            EARLIER));
  }

  private static List<Object> dispatchedToDongjie() {
    return history(
        awaitingDispatchAtGulou(),
        new RequestDispatched(ID, GULOU, DONGJIE, GULOU_SUPERVISOR, EARLIER));
  }

  private static List<Object> forwardedToDongjie() {
    return history(
        routedToShuibu(),
        new RequestForwarded(
            ID,
            SHUIBU,
            GULOU,
            DONGJIE,
            "户籍已迁至东街",
            List.of(
                new RoutingStep("forwarded to", "FZ-PSB-GULOU-DONGJIE", GULOU),
                new RoutingStep("unit", "FZ-PSB-GULOU-DONGJIE", DONGJIE)),
            SHUIBU_OFFICER,
            EARLIER));
  }

  private static List<Object> forwardedToGulou() {
    return history(
        routedToShuibu(),
        new RequestForwarded(
            ID,
            SHUIBU,
            GULOU,
            null,
            "地址无法确认",
            List.of(new RoutingStep("forwarded to", "FZ-PSB-GULOU", GULOU)),
            SHUIBU_OFFICER,
            EARLIER));
  }

  private static List<Object> history(List<Object> before, Object... more) {
    List<Object> events = new ArrayList<>(before);
    events.addAll(Arrays.asList(more));
    return events;
  }

  /** What {@link FakeReplySeal} stamps on a Shuibu reply to this request at {@link #NOW}. */
  private static StampedReply stampOfShuibu(ReplyOutcome outcome) {
    return new StampedReply(
        "jws." + ID + "." + outcome,
        "digest." + ID,
        SHUIBU,
        "5EA1",
        "CN=FZ-PSB-GULOU-SHUIBU test seal",
        NOW);
  }

  // ---- assertions ------------------------------------------------------------------------

  private void assertNotRefused() {
    assertThat(thrown.get()).as("exception thrown by the command handler").isNull();
  }

  /**
   * A fixture whose clock stands at {@code now}, with the test directory and a weekends-only
   * calendar.
   */
  private FixtureConfiguration<VerificationRequest> fixtureAt(Instant now) {
    return fixtureWithClock(Clock.fixed(now, ZoneOffset.UTC));
  }

  private FixtureConfiguration<VerificationRequest> fixtureWithClock(Clock clock) {
    Directory directory = TestDirectory.directory();
    FixtureConfiguration<VerificationRequest> configured =
        new AggregateTestFixture<>(VerificationRequest.class);
    configured.registerInjectableResource(TestDirectory.catalogue());
    configured.registerInjectableResource(directory);
    configured.registerInjectableResource(new RoutingPolicy(directory));
    configured.registerInjectableResource(
        new ServiceLevelPolicy(calendarInForce::get, WorkingCalendar.CHINA));
    configured.registerInjectableResource(OfficeTimetable.standard());
    configured.registerInjectableResource(clock);
    configured.registerInjectableResource(seal);
    return configured;
  }

  private void assertRefused(Kind kind, String code) {
    RequestRefusedException refusal = refusal();
    assertThat(refusal.kind()).as("kind of refusal").isEqualTo(kind);
    assertThat(refusal.code()).as("refusal code").isEqualTo(code);
  }

  private void assertRefusedForContent(String code, String field) {
    RequestRefusedException refusal = refusal();
    assertThat(refusal.kind()).as("kind of refusal").isEqualTo(Kind.CONTENT);
    assertThat(refusal.code()).as("refusal code").isEqualTo(code);
    assertThat(refusal.field()).as("field at fault").isEqualTo(field);
  }

  /** The code of whatever refusal was thrown; for rules whose code the main code does not fix. */
  private String refusalCode() {
    return refusal().code();
  }

  private RequestRefusedException refusal() {
    assertThat(thrown.get())
        .as("exception thrown by the command handler")
        .isInstanceOf(RequestRefusedException.class);
    return (RequestRefusedException) thrown.get();
  }
}
