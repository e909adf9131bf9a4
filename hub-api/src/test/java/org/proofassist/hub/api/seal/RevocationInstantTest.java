package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationInstantTest {

  private static final Instant NOW = Instant.parse("2026-11-23T02:00:07.300Z");

  @Test
  void revokingNowTakesEffectFromTheNextWholeSecondSoARepliesSealedAMomentAgoStayGood() {
    assertThat(SealAdministration.revocationInstant(null, NOW))
        .isEqualTo(Instant.parse("2026-11-23T02:00:08Z"));
  }

  @Test
  void revokingNowOnAWholeSecondTakesEffectThen() {
    Instant whole = Instant.parse("2026-11-23T02:00:07Z");
    assertThat(SealAdministration.revocationInstant(null, whole)).isEqualTo(whole);
  }

  @Test
  void aGivenTimeIsTakenDownToItsSecondWhichIsStricter() {
    assertThat(SealAdministration.revocationInstant(Instant.parse("2026-11-23T01:59:00.999Z"), NOW))
        .isEqualTo(Instant.parse("2026-11-23T01:59:00Z"));
  }
}
