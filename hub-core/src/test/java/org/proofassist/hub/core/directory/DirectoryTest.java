package org.proofassist.hub.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proofassist.hub.core.TestDirectory.CHATING;
import static org.proofassist.hub.core.TestDirectory.CIVIL_AFFAIRS;
import static org.proofassist.hub.core.TestDirectory.DONGJIE;
import static org.proofassist.hub.core.TestDirectory.GULOU;
import static org.proofassist.hub.core.TestDirectory.PSB;
import static org.proofassist.hub.core.TestDirectory.SHUIBU;
import static org.proofassist.hub.core.TestDirectory.TAIJIANG;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.TestDirectory;

class DirectoryTest {

  private static final DepartmentId NOWHERE = DepartmentId.of("FZ-PSB-GULOU-NOWHERE");

  private final Directory directory = TestDirectory.directory();

  @Test
  void twoDepartmentsThatSuperviseEachOtherAreRefused() {
    List<Department> departments =
        List.of(office("FZ-A", "FZ-B"), office("FZ-B", "FZ-A"), office("FZ-ROOT", null));

    assertThatThrownBy(() -> new Directory(departments))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("form a cycle");
  }

  @Test
  void departmentThatSupervisesItselfIsRefused() {
    assertThatThrownBy(() -> new Directory(List.of(office("FZ-A", "FZ-A"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the parents of FZ-A form a cycle");
  }

  @Test
  void longerCycleIsRefused() {
    List<Department> departments =
        List.of(office("FZ-A", "FZ-C"), office("FZ-B", "FZ-A"), office("FZ-C", "FZ-B"));

    assertThatThrownBy(() -> new Directory(departments))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("form a cycle");
  }

  @Test
  void longChainWithoutCycleIsAccepted() {
    Directory chain =
        new Directory(
            List.of(
                office("FZ-A", null),
                office("FZ-B", "FZ-A"),
                office("FZ-C", "FZ-B"),
                office("FZ-D", "FZ-C")));

    assertThat(chain.ancestorsOf(DepartmentId.of("FZ-D")))
        .containsExactly(DepartmentId.of("FZ-C"), DepartmentId.of("FZ-B"), DepartmentId.of("FZ-A"));
  }

  @Test
  void departmentNamingAnUnknownParentIsRefused() {
    assertThatThrownBy(() -> new Directory(List.of(office("FZ-A", "FZ-MISSING"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names an unknown parent FZ-MISSING");
  }

  @Test
  void departmentListedTwiceIsRefused() {
    assertThatThrownBy(() -> new Directory(List.of(office("FZ-A", null), office("FZ-A", null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listed twice");
  }

  @Test
  void ancestorsOfAStationAreItsSubBureauThenTheCityBureau() {
    assertThat(directory.ancestorsOf(SHUIBU)).containsExactly(GULOU, PSB);
  }

  @Test
  void topLevelDepartmentHasNoAncestors() {
    assertThat(directory.ancestorsOf(PSB)).isEmpty();
    assertThat(directory.ancestorsOf(CIVIL_AFFAIRS)).isEmpty();
  }

  @Test
  void ancestorsOfAnUnknownDepartmentAreAnError() {
    assertThatThrownBy(() -> directory.ancestorsOf(NOWHERE))
        .isInstanceOf(UnknownDepartmentException.class);
  }

  @Test
  void departmentIsSameOrAboveItselfAndWhatItSupervises() {
    assertThat(directory.isSameOrAbove(SHUIBU, SHUIBU)).isTrue();
    assertThat(directory.isSameOrAbove(GULOU, SHUIBU)).isTrue();
    assertThat(directory.isSameOrAbove(PSB, SHUIBU)).isTrue();
  }

  @Test
  void departmentIsNotAboveItsSupervisorNorAnotherBranch() {
    assertThat(directory.isSameOrAbove(SHUIBU, GULOU)).isFalse();
    assertThat(directory.isSameOrAbove(TAIJIANG, SHUIBU)).isFalse();
    assertThat(directory.isSameOrAbove(DONGJIE, SHUIBU)).isFalse();
    assertThat(directory.isSameOrAbove(GULOU, NOWHERE)).isFalse();
  }

  @Test
  void unknownDepartmentIsReportedWithItsId() {
    assertThat(directory.contains(NOWHERE)).isFalse();
    assertThat(directory.find(NOWHERE)).isEmpty();
    assertThatThrownBy(() -> directory.get(NOWHERE))
        .isInstanceOfSatisfying(
            UnknownDepartmentException.class,
            e -> {
              assertThat(e.code()).isEqualTo("UNKNOWN_DEPARTMENT");
              assertThat(e.department()).isEqualTo(NOWHERE);
            });
  }

  @Test
  void knownDepartmentIsFoundById() {
    assertThat(directory.contains(SHUIBU)).isTrue();
    assertThat(directory.get(SHUIBU).name()).isEqualTo("水部派出所");
    assertThat(directory.find(SHUIBU)).contains(directory.get(SHUIBU));
  }

  @Test
  void childrenAreTheDepartmentsDirectlySupervised() {
    assertThat(directory.childrenOf(GULOU))
        .extracting(Department::id)
        .containsExactly(SHUIBU, DONGJIE);
    assertThat(directory.childrenOf(PSB))
        .extracting(Department::id)
        .containsExactly(GULOU, TAIJIANG);
    assertThat(directory.childrenOf(CHATING)).isEmpty();
  }

  @Test
  void departmentsOfAKindCoveringADivisionAreFound() {
    assertThat(
            directory.ofKindCovering(
                DepartmentKind.POLICE_SUB_BUREAU, DivisionCode.of("350102008")))
        .extracting(Department::id)
        .containsExactly(GULOU);
    assertThat(
            directory.ofKindCovering(DepartmentKind.POLICE_STATION, DivisionCode.of("350102007")))
        .isEmpty();
  }

  @Test
  void childrenCannotBeChangedByACaller() {
    List<Department> children = directory.childrenOf(GULOU);

    assertThatThrownBy(children::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(directory.childrenOf(GULOU)).hasSize(2);
  }

  private static Department office(String id, String parent) {
    return new Department(
        DepartmentId.of(id),
        "办公室 " + id,
        "Office " + id,
        DepartmentKind.ADMINISTRATIVE_SERVICE_CENTRE,
        parent == null ? null : DepartmentId.of(parent),
        List.of(),
        true,
        false);
  }
}
