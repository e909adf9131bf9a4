package org.proofassist.hub.api.config;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.proofassist.hub.api.seal.HubTimeStampAuthority;
import org.proofassist.hub.api.seal.JadesReplySeal;
import org.proofassist.hub.api.seal.SealAdministration;
import org.proofassist.hub.api.seal.SealKeys;
import org.proofassist.hub.api.seal.SealTrust;
import org.proofassist.hub.api.seal.SealVerifier;
import org.proofassist.hub.api.seal.pdf.PadesReplySeal;
import org.proofassist.hub.api.seal.pdf.ReplyDocument;
import org.proofassist.hub.api.seal.pdf.ReplyLetters;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.seal.ReplySeal;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority.SealingKey;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Department seals. On the embedded default a development CA, its time-stamping authority and one
 * seal per issuing department are created at first start under {@code <data-dir>/pki} and kept
 * (PKCS#12); the CA publishes its CRL at {@code <public-url>/api/v1/pki/crl}.
 */
@Configuration(proxyBeanMethods = false)
public class SealConfiguration {

  /** Where the hub publishes its CA's certificate revocation list. */
  public static final String CRL_PATH = "/api/v1/pki/crl";

  @Bean
  DevelopmentSealAuthority developmentSealAuthority(
      HubProperties hub, Directory directory, Clock clock) {
    return DevelopmentSealAuthority.openOrCreate(
        sealHome(hub),
        directory.all(),
        hub.sealPassword().toCharArray(),
        clock,
        crlUrl(hub.publicUrl()));
  }

  /**
   * The departments' seal keys: the development CA's PKCS#12 files, or with {@code
   * hub.seal-store.type=pkcs11} the key entries of a PKCS#11 token, opened and logged in to here so
   * that a wrong library, slot or PIN stops the start. Either way the development CA is the trust
   * anchor (and still publishes the CRL and runs the time-stamping authority); in production the CA
   * is the province's own and the hub needs only its certificate, which this configuration does not
   * yet offer ({@code docs/pkcs11.md}).
   */
  @Bean
  SealKeys sealKeys(HubProperties hub, DevelopmentSealAuthority authority) {
    List<X509Certificate> anchors = List.of(authority.trustAnchor());
    HubProperties.SealStore store = hub.sealStore();
    if (store.onToken()) {
      return SealKeys.fromPkcs11Config(store.pkcs11Config(), store.pin().toCharArray(), anchors);
    }
    return new SealKeys(authority.sealDirectory(), hub.sealPassword().toCharArray(), anchors);
  }

  @Bean
  SealTrust sealTrust(DevelopmentSealAuthority authority) {
    return new SealTrust(List.of(authority.trustAnchor()), () -> Optional.of(authority.crl()));
  }

  @Bean
  HubTimeStampAuthority hubTimeStampAuthority(DevelopmentSealAuthority authority, Clock clock) {
    SealingKey tsa = authority.timestampAuthority();
    return new HubTimeStampAuthority(tsa.key(), tsa.chain(), clock);
  }

  @Bean
  ReplySeal replySeal(
      SealKeys keys, SealTrust trust, HubTimeStampAuthority timestamps, Clock clock) {
    return new JadesReplySeal(keys, trust, timestamps, clock);
  }

  @Bean
  SealVerifier sealVerifier(SealTrust trust) {
    return new SealVerifier(trust);
  }

  @Bean
  PadesReplySeal padesReplySeal(HubTimeStampAuthority timestamps) {
    return new PadesReplySeal(timestamps);
  }

  @Bean
  ReplyLetters replyLetters(
      MongoTemplate mongo,
      SealKeys keys,
      SealTrust trust,
      Directory directory,
      ProofCatalogue catalogue,
      PadesReplySeal seal,
      Clock clock) {
    ReplyDocument letter =
        new ReplyDocument(
            code ->
                catalogue
                    .find(code)
                    .map(type -> type.name() + "（" + code + "）")
                    .orElse(code.value()));
    return new ReplyLetters(mongo, keys, trust, directory, letter, seal, clock);
  }

  @Bean
  SealAdministration sealAdministration(
      DevelopmentSealAuthority authority,
      Directory directory,
      CommandGateway commands,
      Clock clock) {
    return new SealAdministration(authority, directory, commands, clock);
  }

  /** At every start, the seal history records what the certification authority holds. */
  @Bean
  ApplicationRunner sealHistory(SealAdministration administration) {
    return arguments -> administration.recordAll();
  }

  static URI crlUrl(URI publicUrl) {
    String base = publicUrl.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CRL_PATH);
  }

  private static Path sealHome(HubProperties hub) {
    return hub.dataDir().resolve("pki");
  }
}
