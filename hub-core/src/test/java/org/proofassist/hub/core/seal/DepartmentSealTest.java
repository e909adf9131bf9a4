package org.proofassist.hub.core.seal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.directory.DepartmentId;

class DepartmentSealTest {

  private static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");
  private static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  private static final SealCertificate FIRST = certificate("a1", NOW.minus(Duration.ofDays(30)));
  private static final SealCertificate SECOND = certificate("b2", NOW.minus(Duration.ofDays(1)));

  private AggregateTestFixture<DepartmentSeal> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(DepartmentSeal.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void firstCertificateIsRecordedAsTheSealsIssue() {
    fixture
        .givenNoPriorActivity()
        .when(new RecordSealCertificate(SHUIBU, FIRST, null, "hub"))
        .expectEvents(new SealIssued(SHUIBU, FIRST, "hub", NOW));
  }

  @Test
  void anotherCertificateIsRecordedAsARotationFromTheCurrentOne() {
    fixture
        .given(new SealIssued(SHUIBU, FIRST, "hub", NOW))
        .when(new RecordSealCertificate(SHUIBU, SECOND, "yearly renewal", "hub.admin"))
        .expectEvents(new SealRotated(SHUIBU, "a1", SECOND, "yearly renewal", "hub.admin", NOW));
  }

  @Test
  void recordingAKnownCertificateAgainChangesNothing() {
    fixture
        .given(
            new SealIssued(SHUIBU, FIRST, "hub", NOW),
            new SealRotated(SHUIBU, "a1", SECOND, "renewal", "hub.admin", NOW))
        .when(new RecordSealCertificate(SHUIBU, FIRST, null, "hub"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void revokingARecordedCertificateRecordsTheRevocation() {
    Instant revokedAt = NOW.minus(Duration.ofHours(2));
    fixture
        .given(new SealIssued(SHUIBU, FIRST, "hub", NOW))
        .when(
            new RecordSealRevocation(
                SHUIBU, "a1", revokedAt, RevocationReason.KEY_COMPROMISE, "hub.admin"))
        .expectEvents(
            new SealCertificateRevoked(
                SHUIBU, "a1", revokedAt, RevocationReason.KEY_COMPROMISE, "hub.admin", NOW));
  }

  @Test
  void revokingTheSameCertificateTwiceRecordsItOnce() {
    fixture
        .given(
            new SealIssued(SHUIBU, FIRST, "hub", NOW),
            new SealCertificateRevoked(
                SHUIBU, "a1", NOW, RevocationReason.SUPERSEDED, "hub.admin", NOW))
        .when(new RecordSealRevocation(SHUIBU, "a1", NOW, RevocationReason.SUPERSEDED, "x"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void anUnknownCertificateCannotBeRevoked() {
    fixture
        .given(new SealIssued(SHUIBU, FIRST, "hub", NOW))
        .when(new RecordSealRevocation(SHUIBU, "ff", NOW, RevocationReason.UNSPECIFIED, "x"))
        .expectException(SealRefusedException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("has no seal certificate ff"));
  }

  @Test
  void aCertificateCannotBeRevokedFromBeforeItWasValid() {
    fixture
        .given(new SealIssued(SHUIBU, FIRST, "hub", NOW))
        .when(
            new RecordSealRevocation(
                SHUIBU,
                "a1",
                FIRST.notBefore().minusSeconds(1),
                RevocationReason.KEY_COMPROMISE,
                "x"))
        .expectException(SealRefusedException.class)
        .expectNoEvents();
  }

  private static SealCertificate certificate(String serial, Instant notBefore) {
    return new SealCertificate(
        SHUIBU,
        serial,
        "CN=水部派出所,organizationIdentifier=FZ-PSB-GULOU-SHUIBU",
        "CN=Proof Assist Hub Development CA",
        notBefore,
        notBefore.plus(Duration.ofDays(3 * 365)),
        "00".repeat(32));
  }
}
