package org.proofassist.hub.api.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.proofassist.hub.api.seal.JwsReplySeal;
import org.proofassist.hub.api.seal.SealKeys;
import org.proofassist.hub.api.seal.SealVerifier;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.seal.ReplySeal;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Department seals. On the embedded default a development CA and one seal per issuing department
 * are created at first start under {@code <data-dir>/pki} and kept (PKCS#12).
 */
@Configuration(proxyBeanMethods = false)
public class SealConfiguration {

  @Bean
  DevelopmentSealAuthority developmentSealAuthority(
      HubProperties hub, Directory directory, Clock clock) {
    return DevelopmentSealAuthority.openOrCreate(
        sealHome(hub), directory.all(), hub.sealPassword().toCharArray(), clock);
  }

  @Bean
  SealKeys sealKeys(HubProperties hub, DevelopmentSealAuthority authority) {
    return new SealKeys(
        authority.sealDirectory(),
        hub.sealPassword().toCharArray(),
        List.of(authority.trustAnchor()));
  }

  @Bean
  ReplySeal replySeal(SealKeys keys, Clock clock) {
    return new JwsReplySeal(keys, clock);
  }

  @Bean
  SealVerifier sealVerifier(SealKeys keys) {
    return new SealVerifier(keys.trustAnchors());
  }

  private static Path sealHome(HubProperties hub) {
    return hub.dataDir().resolve("pki");
  }
}
