package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proofassist.hub.api.seal.SealFixtures.MARRIAGE;
import static org.proofassist.hub.api.seal.SealFixtures.PASSWORD;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.WINDOW;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;

class SealKeysTest {

  @TempDir Path dir;

  @Test
  void loadsTheSealOfAnIssuingDepartment() {
    DevelopmentSealAuthority authority = SealFixtures.authorityIn(dir);
    SealKeys keys = SealFixtures.keysOf(authority);

    SealKey key = keys.of(SHUIBU).orElseThrow();

    assertThat(key.department()).isEqualTo(SHUIBU);
    assertThat(key.key().getAlgorithm()).isEqualTo("EC");
    assertThat(key.chain()).hasSize(2);
    assertThat(key.chain().get(1)).isEqualTo(authority.trustAnchor());
    assertThat(key.toString()).doesNotContain("PrivateKey");
    assertThat(keys.of(SHUIBU).orElseThrow()).isSameAs(key);
  }

  @Test
  void aDepartmentWithoutAStoreHasNoSeal() {
    SealKeys keys = SealFixtures.keysOf(SealFixtures.authorityIn(dir));

    assertThat(keys.of(WINDOW)).isEmpty();
  }

  @Test
  void aRenewedStoreIsUsedWithoutARestart() throws Exception {
    DevelopmentSealAuthority authority = SealFixtures.authorityIn(dir);
    SealKeys keys = SealFixtures.keysOf(authority);
    BigInteger before = keys.of(SHUIBU).orElseThrow().certificate().getSerialNumber();

    Files.delete(authority.sealStore(SHUIBU));
    assertThat(keys.of(SHUIBU)).isEmpty();
    SealFixtures.authorityIn(dir);

    BigInteger after = keys.of(SHUIBU).orElseThrow().certificate().getSerialNumber();
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void anotherDepartmentsSealFiledUnderThisDepartmentIsRefused() throws Exception {
    DevelopmentSealAuthority authority = SealFixtures.authorityIn(dir);
    Files.copy(
        authority.sealStore(SHUIBU),
        authority.sealStore(MARRIAGE),
        StandardCopyOption.REPLACE_EXISTING);

    SealKeys keys = SealFixtures.keysOf(authority);

    assertThatThrownBy(() -> keys.of(MARRIAGE))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("holds the seal of department FZ-PSB-GULOU-SHUIBU");
  }

  @Test
  void aSealFromAnUntrustedAuthorityIsRefused() {
    DevelopmentSealAuthority authority = SealFixtures.authorityIn(dir);
    DevelopmentSealAuthority stranger = SealFixtures.authorityIn(dir.resolve("stranger"));
    SealKeys keys =
        new SealKeys(authority.sealDirectory(), PASSWORD, List.of(stranger.trustAnchor()));

    assertThatThrownBy(() -> keys.of(SHUIBU))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("trusted authority");
  }

  @Test
  void aStoreOpenedWithAnotherPasswordIsRefused() {
    DevelopmentSealAuthority authority = SealFixtures.authorityIn(dir);
    SealKeys keys =
        new SealKeys(
            authority.sealDirectory(), "guess".toCharArray(), List.of(authority.trustAnchor()));

    assertThatThrownBy(() -> keys.of(SHUIBU))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("FZ-PSB-GULOU-SHUIBU");
  }

  @Test
  void readsTheTrustAnchorFromItsPemFile() {
    DevelopmentSealAuthority authority = SealFixtures.authorityIn(dir);

    assertThat(SealKeys.readTrustAnchors(authority.trustAnchorFile()))
        .containsExactly(authority.trustAnchor());
  }
}
