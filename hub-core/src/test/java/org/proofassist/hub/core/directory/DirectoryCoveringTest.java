package org.proofassist.hub.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Directory#ofKindCovering} looks departments up by the covered prefix of their jurisdiction
 * codes instead of scanning them all (issue #7: the scan dominated routing on a directory of 5,000
 * units), and so does {@link Directory#childrenCovering}. They must find exactly what the scan
 * found, in the same order: routing picks the first of equally specific authorities.
 */
class DirectoryCoveringTest {

  private static final List<Department> DEPARTMENTS =
      List.of(
          department("P-PROVINCE", null, DepartmentKind.POLICE_BUREAU, "350000"),
          department("P-CITY", "P-PROVINCE", DepartmentKind.POLICE_BUREAU, "350100"),
          department("P-OTHER-CITY", "P-PROVINCE", DepartmentKind.POLICE_BUREAU, "350200"),
          department("S-GULOU", "P-CITY", DepartmentKind.POLICE_SUB_BUREAU, "350102"),
          department("S-GULOU-TWIN", "P-CITY", DepartmentKind.POLICE_SUB_BUREAU, "350102"),
          department(
              "S-CITY-AND-GULOU", "P-CITY", DepartmentKind.POLICE_SUB_BUREAU, "350100", "350102"),
          department("S-TAIJIANG", "P-CITY", DepartmentKind.POLICE_SUB_BUREAU, "350103", "350104"),
          department("S-ODD-COUNTY", "P-OTHER-CITY", DepartmentKind.POLICE_SUB_BUREAU, "350110"),
          department(
              "T-STREETS",
              "S-GULOU",
              DepartmentKind.POLICE_STATION,
              "350102008",
              "350102004",
              "350103009"),
          department("T-SAME-STREET", "S-GULOU", DepartmentKind.POLICE_STATION, "350102008"),
          department("T-ROUND-STREET", "S-GULOU-TWIN", DepartmentKind.POLICE_STATION, "350102100"),
          department(
              "C-PROVINCE-WIDE", null, DepartmentKind.CIVIL_AFFAIRS_BUREAU, "350000", "360000"),
          department("C-NONE", "C-PROVINCE-WIDE", DepartmentKind.CIVIL_AFFAIRS_BUREAU));

  private static final List<String> DIVISIONS =
      List.of(
          "350000",
          "350100",
          "350102",
          "350103",
          "350104",
          "350110",
          "350200",
          "350201",
          "360000",
          "360100",
          "110101",
          "350102008",
          "350102004",
          "350102100",
          "350102001",
          "350103009",
          "350110001",
          "350200001",
          "360102001",
          "110101008");

  @Test
  void lookupFindsWhatAScanOfEveryDepartmentFindsInTheSameOrder() {
    Directory directory = new Directory(DEPARTMENTS);
    List<String> checked = new ArrayList<>();

    for (String code : DIVISIONS) {
      DivisionCode division = DivisionCode.of(code);
      for (DepartmentKind kind : DepartmentKind.values()) {
        List<Department> scanned =
            DEPARTMENTS.stream().filter(d -> d.kind() == kind && d.covers(division)).toList();
        assertThat(directory.ofKindCovering(kind, division))
            .as("%s covering %s", kind, division)
            .containsExactlyElementsOf(scanned);
        if (!scanned.isEmpty()) {
          checked.add(kind + " " + code);
        }
      }
    }

    assertThat(checked).hasSizeGreaterThan(30);
    assertThat(directory.ofKindCovering(DepartmentKind.POLICE_SUB_BUREAU, div("350102008")))
        .extracting(d -> d.id().value())
        .containsExactly("S-GULOU", "S-GULOU-TWIN", "S-CITY-AND-GULOU");
  }

  @Test
  void childrenCoveringADivisionAreTheChildrenAScanFindsInTheSameOrder() {
    Directory directory = new Directory(DEPARTMENTS);

    for (String code : DIVISIONS) {
      DivisionCode division = DivisionCode.of(code);
      for (Department parent : DEPARTMENTS) {
        assertThat(directory.childrenCovering(parent.id(), division))
            .as("children of %s covering %s", parent.id(), division)
            .containsExactlyElementsOf(
                directory.childrenOf(parent.id()).stream()
                    .filter(child -> child.covers(division))
                    .toList());
      }
    }
    assertThat(directory.childrenCovering(DepartmentId.of("S-GULOU"), div("350102008")))
        .extracting(d -> d.id().value())
        .containsExactly("T-STREETS", "T-SAME-STREET");
  }

  @Test
  void everyCodeThatCoversADivisionHasItsCoveredPrefixAmongTheDivisionsPrefixes() {
    Set<String> codes = new LinkedHashSet<>(DIVISIONS);
    codes.addAll(List.of("350102000", "350100000", "350000001", "990000", "350101"));
    for (String outer : codes) {
      for (String inner : codes) {
        DivisionCode covering = div(outer);
        DivisionCode covered = div(inner);
        assertThat(covered.prefixes().contains(covering.coveredPrefix()))
            .as("%s covers %s", outer, inner)
            .isEqualTo(covering.covers(covered));
      }
    }
  }

  @Test
  void aStreetTwoStationsCoverFindsBothAndAStreetNoneCoversFindsNone() {
    Directory directory = new Directory(DEPARTMENTS);
    List<Department> found =
        directory.ofKindCovering(DepartmentKind.POLICE_STATION, div("350102008"));

    assertThat(found).extracting(d -> d.id().value()).containsExactly("T-STREETS", "T-SAME-STREET");
    assertThat(directory.ofKindCovering(DepartmentKind.POLICE_STATION, div("350102001"))).isEmpty();
  }

  private static Department department(
      String id, String parent, DepartmentKind kind, String... jurisdiction) {
    return new Department(
        DepartmentId.of(id),
        id,
        id,
        kind,
        parent == null ? null : DepartmentId.of(parent),
        Arrays.stream(jurisdiction).map(DivisionCode::of).toList(),
        false,
        true);
  }

  private static DivisionCode div(String code) {
    return DivisionCode.of(code);
  }
}
