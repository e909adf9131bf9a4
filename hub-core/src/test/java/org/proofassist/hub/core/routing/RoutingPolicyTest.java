package org.proofassist.hub.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proofassist.hub.core.TestDirectory.CHATING;
import static org.proofassist.hub.core.TestDirectory.CIVIL_AFFAIRS;
import static org.proofassist.hub.core.TestDirectory.DONGJIE;
import static org.proofassist.hub.core.TestDirectory.GULOU;
import static org.proofassist.hub.core.TestDirectory.MARITAL_STATUS;
import static org.proofassist.hub.core.TestDirectory.NO_CRIMINAL_RECORD;
import static org.proofassist.hub.core.TestDirectory.PSB;
import static org.proofassist.hub.core.TestDirectory.SAME_PERSON;
import static org.proofassist.hub.core.TestDirectory.SERVICE_CENTRE;
import static org.proofassist.hub.core.TestDirectory.SHUIBU;
import static org.proofassist.hub.core.TestDirectory.TAIJIANG;
import static org.proofassist.hub.core.TestDirectory.proofType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.TestDirectory;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.DepartmentKind;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.directory.DivisionCode;

class RoutingPolicyTest {

  private static final RoutingRule BY_HOUSEHOLD = RoutingRule.BY_HOUSEHOLD_REGISTRATION;

  private final RoutingPolicy policy = new RoutingPolicy(TestDirectory.directory());

  @Test
  void samePersonProofForAStreetGoesToTheStationCoveringIt() {
    assertThat(policy.route(proofType(SAME_PERSON), division("350102008")))
        .isEqualTo(
            new RoutingDecision.Routed(
                GULOU,
                SHUIBU,
                BY_HOUSEHOLD,
                "350102008",
                List.of(
                    new RoutingStep("county", "350102", GULOU),
                    new RoutingStep("street", "350102008", SHUIBU))));
  }

  @Test
  void neighbouringStreetGoesToItsOwnStation() {
    assertThat(policy.route(proofType(SAME_PERSON), division("350102004")))
        .isEqualTo(
            new RoutingDecision.Routed(
                GULOU,
                DONGJIE,
                BY_HOUSEHOLD,
                "350102004",
                List.of(
                    new RoutingStep("county", "350102", GULOU),
                    new RoutingStep("street", "350102004", DONGJIE))));
  }

  @Test
  void streetOfAnotherDistrictGoesThroughThatDistrictsSubBureau() {
    assertThat(policy.route(proofType(SAME_PERSON), division("350103009")))
        .isEqualTo(
            new RoutingDecision.Routed(
                TAIJIANG,
                CHATING,
                BY_HOUSEHOLD,
                "350103009",
                List.of(
                    new RoutingStep("county", "350103", TAIJIANG),
                    new RoutingStep("street", "350103009", CHATING))));
  }

  @Test
  void streetWithoutAStationIsLeftWithTheSubBureauToDispatch() {
    assertThat(policy.route(proofType(SAME_PERSON), division("350102007")))
        .isEqualTo(
            new RoutingDecision.AwaitingDispatch(
                GULOU,
                BY_HOUSEHOLD,
                "350102007",
                "no unit of FZ-PSB-GULOU covers street 350102007",
                List.of(new RoutingStep("county", "350102", GULOU))));
  }

  @Test
  void countyLevelDivisionNamesNoStreetSoTheSubBureauDispatches() {
    assertThat(policy.route(proofType(SAME_PERSON), division("350102")))
        .isEqualTo(
            new RoutingDecision.AwaitingDispatch(
                GULOU,
                BY_HOUSEHOLD,
                "350102",
                "the division 350102 names no street, so no unit can be chosen",
                List.of(new RoutingStep("county", "350102", GULOU))));
  }

  @Test
  void streetCoveredByTwoStationsIsLeftWithTheSubBureauToDispatch() {
    RoutingPolicy overlapping =
        new RoutingPolicy(
            TestDirectory.directoryWith(
                new Department(
                    DepartmentId.of("FZ-PSB-GULOU-SHUIBU-2"),
                    "水部第二派出所",
                    "Shuibu Second Station",
                    DepartmentKind.POLICE_STATION,
                    GULOU,
                    List.of(DivisionCode.of("350102008")),
                    false,
                    true)));

    RoutingDecision decision = overlapping.route(proofType(SAME_PERSON), division("350102008"));

    assertThat(decision)
        .isEqualTo(
            new RoutingDecision.AwaitingDispatch(
                GULOU,
                BY_HOUSEHOLD,
                "350102008",
                "several units cover street 350102008: [FZ-PSB-GULOU-SHUIBU,"
                    + " FZ-PSB-GULOU-SHUIBU-2]",
                List.of(new RoutingStep("county", "350102", GULOU))));
  }

  @Test
  void authorityWithoutUnitsAnswersItself() {
    assertThat(policy.route(proofType(MARITAL_STATUS), division("350102008")))
        .isEqualTo(
            new RoutingDecision.Routed(
                CIVIL_AFFAIRS,
                CIVIL_AFFAIRS,
                BY_HOUSEHOLD,
                "350102008",
                List.of(new RoutingStep("county", "350102", CIVIL_AFFAIRS))));
  }

  @Test
  void mostSpecificAuthorityCoveringTheDivisionIsChosen() {
    DepartmentId cityBureau = DepartmentId.of("FZ-CAB");
    List<Department> departments = new ArrayList<>();
    departments.add(
        new Department(
            cityBureau,
            "福州市民政局",
            "Fuzhou Civil Affairs Bureau",
            DepartmentKind.CIVIL_AFFAIRS_BUREAU,
            null,
            List.of(DivisionCode.of("350100")),
            false,
            true));
    departments.addAll(TestDirectory.departments());
    RoutingPolicy twoLevels = new RoutingPolicy(new Directory(departments));

    assertThat(twoLevels.route(proofType(MARITAL_STATUS), division("350102008")).authority())
        .isEqualTo(CIVIL_AFFAIRS);
    assertThat(twoLevels.route(proofType(MARITAL_STATUS), division("350103009")).authority())
        .isEqualTo(cityBureau);
  }

  @Test
  void authorityThatNeitherAnswersNorHasUnitsCannotBeRoutedTo() {
    ProofType housingProof =
        new ProofType(
            ProofTypeCode.of("HOUSING_OWNERSHIP"),
            "房产证明",
            "Housing ownership proof",
            BY_HOUSEHOLD,
            DepartmentKind.NATURAL_RESOURCES_BUREAU,
            null,
            ServiceLevel.workingDays(2),
            ServiceLevel.workingDays(1),
            ServiceLevel.workingDays(5),
            null,
            List.of());
    RoutingPolicy withSilentBureau =
        new RoutingPolicy(
            TestDirectory.directoryWith(
                new Department(
                    DepartmentId.of("FZ-GULOU-NRB"),
                    "鼓楼区自然资源局",
                    "Gulou Natural Resources Bureau",
                    DepartmentKind.NATURAL_RESOURCES_BUREAU,
                    null,
                    List.of(DivisionCode.of("350102")),
                    false,
                    false)));

    assertThatThrownBy(() -> withSilentBureau.route(housingProof, division("350102008")))
        .isInstanceOfSatisfying(
            RoutingImpossibleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("proofType");
              assertThat(e.getMessage()).contains("FZ-GULOU-NRB has no unit that answers");
            });
  }

  @Test
  void divisionOfAnotherProvinceCannotBeRouted() {
    assertThatThrownBy(() -> policy.route(proofType(SAME_PERSON), division("110101008")))
        .isInstanceOfSatisfying(
            RoutingImpossibleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("subject.householdDivision");
              assertThat(e.getMessage()).contains("110101008");
            });
  }

  @Test
  void divisionRoutedProofWithoutADivisionCannotBeRouted() {
    assertThatThrownBy(() -> policy.route(proofType(MARITAL_STATUS), Optional.empty()))
        .isInstanceOfSatisfying(
            RoutingImpossibleException.class,
            e -> assertThat(e.field()).isEqualTo("subject.householdDivision"));
  }

  @Test
  void fixedProofGoesToItsDepartmentWhateverTheDivision() {
    RoutingDecision.Routed expected =
        new RoutingDecision.Routed(
            PSB,
            PSB,
            RoutingRule.FIXED_DEPARTMENT,
            "FZ-PSB",
            List.of(new RoutingStep("fixed department", "FZ-PSB", PSB)));

    assertThat(policy.route(proofType(NO_CRIMINAL_RECORD), division("110101008")))
        .isEqualTo(expected);
    assertThat(policy.route(proofType(NO_CRIMINAL_RECORD), Optional.empty())).isEqualTo(expected);
  }

  @Test
  void fixedUnitIsAnsweredUnderTheAuthorityOfItsKindAboveIt() {
    ProofType shuibuOnly =
        new ProofType(
            ProofTypeCode.of("SHUIBU_RESIDENCE"),
            "水部居住证明",
            "Shuibu residence proof",
            RoutingRule.FIXED_DEPARTMENT,
            DepartmentKind.POLICE_SUB_BUREAU,
            SHUIBU,
            ServiceLevel.workingDays(1),
            ServiceLevel.workingDays(1),
            ServiceLevel.workingDays(5),
            null,
            List.of());

    assertThat(policy.route(shuibuOnly, Optional.empty()))
        .isEqualTo(
            new RoutingDecision.Routed(
                GULOU,
                SHUIBU,
                RoutingRule.FIXED_DEPARTMENT,
                "FZ-PSB-GULOU-SHUIBU",
                List.of(new RoutingStep("fixed department", "FZ-PSB-GULOU-SHUIBU", SHUIBU))));
  }

  @Test
  void forwardToAStationGoesToThatStationUnderItsSubBureau() {
    assertThat(policy.forwardTo(proofType(SAME_PERSON), DONGJIE))
        .isEqualTo(
            new RoutingDecision.Routed(
                GULOU,
                DONGJIE,
                BY_HOUSEHOLD,
                "FZ-PSB-GULOU-DONGJIE",
                List.of(
                    new RoutingStep("forwarded to", "FZ-PSB-GULOU-DONGJIE", GULOU),
                    new RoutingStep("unit", "FZ-PSB-GULOU-DONGJIE", DONGJIE))));
  }

  @Test
  void forwardToASubBureauLeavesItToDispatch() {
    assertThat(policy.forwardTo(proofType(SAME_PERSON), GULOU))
        .isEqualTo(
            new RoutingDecision.AwaitingDispatch(
                GULOU,
                BY_HOUSEHOLD,
                "FZ-PSB-GULOU",
                "forwarded to the authority, which dispatches it to one of its units",
                List.of(new RoutingStep("forwarded to", "FZ-PSB-GULOU", GULOU))));
  }

  @Test
  void forwardToAnAuthorityWithoutUnitsIsAnsweredByThatAuthority() {
    assertThat(policy.forwardTo(proofType(MARITAL_STATUS), CIVIL_AFFAIRS))
        .isEqualTo(
            new RoutingDecision.Routed(
                CIVIL_AFFAIRS,
                CIVIL_AFFAIRS,
                BY_HOUSEHOLD,
                "FZ-GULOU-CAB",
                List.of(new RoutingStep("forwarded to", "FZ-GULOU-CAB", CIVIL_AFFAIRS))));
  }

  @Test
  void forwardToADepartmentWithNoAuthorityOfTheProofsKindIsImpossible() {
    assertThatThrownBy(() -> policy.forwardTo(proofType(SAME_PERSON), SERVICE_CENTRE))
        .isInstanceOfSatisfying(
            RoutingImpossibleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("to");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "FZ-SERVICE-CENTRE is not competent for SAME_PERSON: no POLICE_SUB_BUREAU"
                          + " is at or above it");
            });
  }

  @Test
  void forwardAboveTheAuthorityKindIsImpossible() {
    assertThatThrownBy(() -> policy.forwardTo(proofType(SAME_PERSON), PSB))
        .isInstanceOf(RoutingImpossibleException.class)
        .hasMessageContaining("FZ-PSB is not competent");
  }

  @Test
  void forwardToAnOfficeThatDoesNotAnswerIsImpossible() {
    DepartmentId office = DepartmentId.of("FZ-PSB-GULOU-HQ");
    RoutingPolicy withOffice =
        new RoutingPolicy(
            TestDirectory.directoryWith(
                new Department(
                    office,
                    "鼓楼分局办公室",
                    "Gulou Sub-bureau Office",
                    DepartmentKind.POLICE_STATION,
                    GULOU,
                    List.of(),
                    false,
                    false)));

    assertThatThrownBy(() -> withOffice.forwardTo(proofType(SAME_PERSON), office))
        .isInstanceOfSatisfying(
            RoutingImpossibleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("to");
              assertThat(e.getMessage()).isEqualTo("FZ-PSB-GULOU-HQ does not answer requests");
            });
  }

  @Test
  void authorityMayDispatchToItsOwnStations() {
    assertThat(policy.canDispatch(GULOU, DONGJIE)).isTrue();
    assertThat(policy.canDispatch(GULOU, SHUIBU)).isTrue();
  }

  @Test
  void authorityMayDispatchToStationsFurtherDown() {
    assertThat(policy.canDispatch(PSB, SHUIBU)).isTrue();
  }

  @Test
  void authorityCannotDispatchToAStationOfAnotherAuthority() {
    assertThat(policy.canDispatch(GULOU, CHATING)).isFalse();
  }

  @Test
  void authorityCannotDispatchToADepartmentThatDoesNotAnswer() {
    assertThat(policy.canDispatch(GULOU, GULOU)).isFalse();
    assertThat(policy.canDispatch(PSB, TAIJIANG)).isFalse();
  }

  @Test
  void authorityCannotDispatchToADepartmentOutsideTheDirectory() {
    assertThat(policy.canDispatch(GULOU, DepartmentId.of("FZ-PSB-GULOU-NOWHERE"))).isFalse();
  }

  @Test
  void authorityThatAnswersItselfMayKeepTheRequest() {
    assertThat(policy.canDispatch(CIVIL_AFFAIRS, CIVIL_AFFAIRS)).isTrue();
  }

  private static Optional<DivisionCode> division(String code) {
    return Optional.of(DivisionCode.of(code));
  }
}
