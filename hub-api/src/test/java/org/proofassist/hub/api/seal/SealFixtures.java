package org.proofassist.hub.api.seal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.DepartmentKind;
import org.proofassist.hub.core.directory.DivisionCode;
import org.proofassist.hub.core.request.Matter;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.Subject;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;

/** Two issuing departments with development seals, and a reply to seal. */
final class SealFixtures {

  static final char[] PASSWORD = "development".toCharArray();
  static final Instant ISSUED_AT = Instant.parse("2026-11-23T09:30:00Z");
  static final Clock CLOCK = Clock.fixed(ISSUED_AT.plusSeconds(5), ZoneOffset.UTC);

  static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  static final DepartmentId MARRIAGE = DepartmentId.of("FZ-CAB-GULOU-MARRIAGE");
  static final DepartmentId WINDOW = DepartmentId.of("FZ-ASC-GULOU");

  static final List<Department> DEPARTMENTS =
      List.of(
          department(SHUIBU, "福州市公安局鼓楼分局水部派出所", DepartmentKind.POLICE_STATION, true),
          department(MARRIAGE, "福州市鼓楼区婚姻登记处", DepartmentKind.MARRIAGE_REGISTRY, true),
          department(WINDOW, "鼓楼区行政服务中心", DepartmentKind.ADMINISTRATIVE_SERVICE_CENTRE, false));

  static final String ID_NUMBER =
      "35010219900101123" + CitizenIdNumber.checkCharacter("35010219900101123");

  private SealFixtures() {}

  static DevelopmentSealAuthority authorityIn(Path dir) {
    return DevelopmentSealAuthority.openOrCreate(dir, DEPARTMENTS, PASSWORD, CLOCK);
  }

  static SealKeys keysOf(DevelopmentSealAuthority authority) {
    return new SealKeys(authority.sealDirectory(), PASSWORD, List.of(authority.trustAnchor()));
  }

  static SealTrust trustOf(DevelopmentSealAuthority authority) {
    return new SealTrust(List.of(authority.trustAnchor()), () -> Optional.of(authority.crl()));
  }

  static HubTimeStampAuthority timestampsOf(DevelopmentSealAuthority authority, Clock clock) {
    return new HubTimeStampAuthority(
        authority.timestampAuthority().key(), authority.timestampAuthority().chain(), clock);
  }

  static JadesReplySeal sealerOf(DevelopmentSealAuthority authority) {
    return sealerOf(authority, CLOCK);
  }

  static JadesReplySeal sealerOf(DevelopmentSealAuthority authority, Clock clock) {
    return new JadesReplySeal(
        keysOf(authority), trustOf(authority), timestampsOf(authority, clock), clock);
  }

  static ReplyContent reply(DepartmentId issuer) {
    return reply(issuer, Map.of("householdNumber", "350102001-0042", "registeredSince", "2001-05"));
  }

  static ReplyContent reply(DepartmentId issuer, Map<String, String> facts) {
    return new ReplyContent(
        RequestId.of("VR-0123456789ABCDEFGHJK"),
        ProofTypeCode.of("SAME_PERSON"),
        new Subject(
            "林小明",
            CitizenIdNumber.of(ID_NUMBER),
            List.of(),
            DivisionCode.of("350102001"),
            "鼓楼区水部街道某路1号"),
        new Matter("HOUSING-SUBSIDY", "CASE-2026-0001"),
        "两个身份证号码是否为同一人",
        ReplyOutcome.CONFIRMED,
        "经核查，系同一人。",
        facts,
        issuer,
        "王警官",
        ISSUED_AT);
  }

  private static Department department(
      DepartmentId id, String name, DepartmentKind kind, boolean issuing) {
    return new Department(id, name, id.value(), kind, null, List.of(), !issuing, issuing);
  }
}
