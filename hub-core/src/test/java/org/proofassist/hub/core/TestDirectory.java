package org.proofassist.hub.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.DepartmentKind;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.directory.DivisionCode;
import org.proofassist.hub.core.request.Matter;
import org.proofassist.hub.core.request.Subject;

/**
 * A small directory and catalogue for tests: part of the Fuzhou public security tree, a district
 * civil affairs bureau and two approving windows, with the three proof types the demo uses.
 *
 * <p>Streets: Shuibu {@code 350102008} and Dongjie {@code 350102004} each have a station under the
 * Gulou sub-bureau; Huada {@code 350102007} has none; Chating {@code 350103009} has a station under
 * the Taijiang sub-bureau.
 */
public final class TestDirectory {

  public static final DepartmentId PSB = DepartmentId.of("FZ-PSB");
  public static final DepartmentId GULOU = DepartmentId.of("FZ-PSB-GULOU");
  public static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  public static final DepartmentId DONGJIE = DepartmentId.of("FZ-PSB-GULOU-DONGJIE");
  public static final DepartmentId TAIJIANG = DepartmentId.of("FZ-PSB-TAIJIANG");
  public static final DepartmentId CHATING = DepartmentId.of("FZ-PSB-TAIJIANG-CHATING");
  public static final DepartmentId CIVIL_AFFAIRS = DepartmentId.of("FZ-GULOU-CAB");
  public static final DepartmentId SERVICE_CENTRE = DepartmentId.of("FZ-SERVICE-CENTRE");
  public static final DepartmentId HOUSING_FUND = DepartmentId.of("FZ-HPF-CENTRE");

  public static final DivisionCode GULOU_DISTRICT = DivisionCode.of("350102");
  public static final DivisionCode SHUIBU_STREET = DivisionCode.of("350102008");
  public static final DivisionCode DONGJIE_STREET = DivisionCode.of("350102004");
  public static final DivisionCode HUADA_STREET = DivisionCode.of("350102007");
  public static final DivisionCode CHATING_STREET = DivisionCode.of("350103009");
  public static final DivisionCode BEIJING_STREET = DivisionCode.of("110101008");

  public static final ProofTypeCode SAME_PERSON = ProofTypeCode.of("SAME_PERSON");
  public static final ProofTypeCode NO_CRIMINAL_RECORD = ProofTypeCode.of("NO_CRIMINAL_RECORD");
  public static final ProofTypeCode MARITAL_STATUS = ProofTypeCode.of("MARITAL_STATUS");

  public static final ServiceLevel SAME_PERSON_LEVEL = ServiceLevel.workingDays(1);
  public static final ServiceLevel NO_CRIMINAL_RECORD_LEVEL = ServiceLevel.workingDays(3);
  public static final ServiceLevel MARITAL_STATUS_LEVEL = ServiceLevel.workingDays(2);
  public static final ServiceLevel GRACE = ServiceLevel.workingDays(1);
  public static final ServiceLevel MAX_EXTENSION = ServiceLevel.workingDays(5);

  public static final CitizenIdNumber DEMO_ID = CitizenIdNumber.of("350102196805121236");
  public static final CitizenIdNumber DEMO_LEGACY_ID = CitizenIdNumber.of("350102680512123");

  private TestDirectory() {}

  /** The departments, parents before children. */
  public static List<Department> departments() {
    return List.of(
        new Department(
            PSB,
            "福州市公安局",
            "Fuzhou Public Security Bureau",
            DepartmentKind.POLICE_BUREAU,
            null,
            divisions("350100"),
            false,
            true),
        new Department(
            GULOU,
            "福州市公安局鼓楼分局",
            "Gulou Sub-bureau",
            DepartmentKind.POLICE_SUB_BUREAU,
            PSB,
            divisions("350102"),
            false,
            false),
        station(SHUIBU, "水部派出所", "Shuibu Police Station", GULOU, "350102008"),
        station(DONGJIE, "东街派出所", "Dongjie Police Station", GULOU, "350102004"),
        new Department(
            TAIJIANG,
            "福州市公安局台江分局",
            "Taijiang Sub-bureau",
            DepartmentKind.POLICE_SUB_BUREAU,
            PSB,
            divisions("350103"),
            false,
            false),
        station(CHATING, "茶亭派出所", "Chating Police Station", TAIJIANG, "350103009"),
        new Department(
            CIVIL_AFFAIRS,
            "鼓楼区民政局",
            "Gulou Civil Affairs Bureau",
            DepartmentKind.CIVIL_AFFAIRS_BUREAU,
            null,
            divisions("350102"),
            false,
            true),
        new Department(
            SERVICE_CENTRE,
            "福州市行政服务中心",
            "Fuzhou Administrative Service Centre",
            DepartmentKind.ADMINISTRATIVE_SERVICE_CENTRE,
            null,
            divisions("350100"),
            true,
            false),
        new Department(
            HOUSING_FUND,
            "福州住房公积金中心",
            "Fuzhou Housing Provident Fund Centre",
            DepartmentKind.HOUSING_PROVIDENT_FUND_CENTRE,
            null,
            divisions("350100"),
            true,
            false));
  }

  public static Directory directory() {
    return new Directory(departments());
  }

  /** The test directory with more departments added after its own. */
  public static Directory directoryWith(Department... more) {
    List<Department> all = new ArrayList<>(departments());
    all.addAll(List.of(more));
    return new Directory(all);
  }

  public static List<ProofType> proofTypes() {
    return List.of(
        new ProofType(
            SAME_PERSON,
            "同一人证明",
            "Same-person proof",
            RoutingRule.BY_HOUSEHOLD_REGISTRATION,
            DepartmentKind.POLICE_SUB_BUREAU,
            null,
            SAME_PERSON_LEVEL,
            GRACE,
            MAX_EXTENSION,
            "《居民身份证法》",
            List.of("subject.otherIdNumbers", "subject.householdDivision")),
        new ProofType(
            NO_CRIMINAL_RECORD,
            "无犯罪记录证明",
            "No-criminal-record proof",
            RoutingRule.FIXED_DEPARTMENT,
            DepartmentKind.POLICE_BUREAU,
            PSB,
            NO_CRIMINAL_RECORD_LEVEL,
            GRACE,
            MAX_EXTENSION,
            "《公安机关办理犯罪记录查询工作规定》",
            List.of()),
        new ProofType(
            MARITAL_STATUS,
            "婚姻状况证明",
            "Marital-status proof",
            RoutingRule.BY_HOUSEHOLD_REGISTRATION,
            DepartmentKind.CIVIL_AFFAIRS_BUREAU,
            null,
            MARITAL_STATUS_LEVEL,
            GRACE,
            MAX_EXTENSION,
            "《婚姻登记条例》",
            List.of()));
  }

  public static ProofCatalogue catalogue() {
    return new ProofCatalogue(proofTypes());
  }

  public static ProofType proofType(ProofTypeCode code) {
    return catalogue().find(code).orElseThrow();
  }

  /** 林某某, registered in Shuibu street, who once held a legacy 15-digit number. */
  public static Subject demoSubject() {
    return new Subject("林某某", DEMO_ID, List.of(DEMO_LEGACY_ID), SHUIBU_STREET, "福州市鼓楼区水部街道某某路 1 号");
  }

  /** The demo subject registered in another division (none for {@code null}). */
  public static Subject demoSubjectIn(DivisionCode division) {
    return new Subject("林某某", DEMO_ID, List.of(DEMO_LEGACY_ID), division, null);
  }

  public static Matter demoMatter() {
    return new Matter("FZ-HJ-0012", "FZ2025-000123");
  }

  private static Department station(
      DepartmentId id, String name, String nameEn, DepartmentId parent, String street) {
    return new Department(
        id, name, nameEn, DepartmentKind.POLICE_STATION, parent, divisions(street), false, true);
  }

  private static List<DivisionCode> divisions(String... codes) {
    return Arrays.stream(codes).map(DivisionCode::of).toList();
  }
}
