package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proofassist.hub.api.seal.SealFixtures.CLOCK;
import static org.proofassist.hub.api.seal.SealFixtures.MARRIAGE;
import static org.proofassist.hub.api.seal.SealFixtures.PASSWORD;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.WINDOW;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.api.seal.SealVerification.Verdict;
import org.proofassist.hub.api.seal.SealVerifierTest.MovableClock;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority.Rotation;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority.SealingKey;

/**
 * Seal keys held on a PKCS#11 token: first on an in-memory key store standing in for the token,
 * then, where SoftHSM2 and OpenSC are installed, on a real (software) token, sealing a reply that
 * must verify intact.
 */
class SealKeysOnTokenTest {

  private static final char[] PIN = "1234".toCharArray();
  private static final Path SOFTHSM_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

  @TempDir Path dir;

  private DevelopmentSealAuthority authority;
  private SealingKey current;
  private SealingKey rotated;

  @BeforeEach
  void issueAndRotateTheSealOfShuibu() {
    authority = SealFixtures.authorityIn(dir.resolve("pki"));
    Rotation rotation = authority.rotate(SealFixtures.DEPARTMENTS.get(0));
    current = sealingKeyIn(authority.sealStore(SHUIBU));
    rotated =
        sealingKeyIn(
            authority.sealStore(SHUIBU, rotation.previous().getSerialNumber()).orElseThrow());
  }

  @Test
  void theKeyEntryAliasedByTheDepartmentIsItsCurrentSeal() throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(SHUIBU.value(), current.key(), PIN, chainOf(current));

    SealKey key = keysOn(token).of(SHUIBU).orElseThrow();

    assertThat(key.certificate()).isEqualTo(current.certificate());
    assertThat(key.key()).isEqualTo(current.key());
    assertThat(key.chain()).containsExactly(current.certificate(), authority.trustAnchor());
  }

  @Test
  void aRotatedSealIsFoundByItsSerialUnderTheDepartmentAtSerialAlias() throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(SHUIBU.value(), current.key(), PIN, chainOf(current));
    token.setKeyEntry(
        SealKeys.rotatedAlias(SHUIBU, serialOf(rotated)), rotated.key(), PIN, chainOf(rotated));
    SealKeys keys = keysOn(token);

    SealKey old = keys.of(SHUIBU, serialOf(rotated).toString(16)).orElseThrow();
    SealKey now = keys.of(SHUIBU, serialOf(current).toString(16)).orElseThrow();

    assertThat(old.certificate()).isEqualTo(rotated.certificate());
    assertThat(old.key()).isEqualTo(rotated.key());
    assertThat(now.certificate()).isEqualTo(current.certificate());
  }

  @Test
  void aRotatedAliasIsFoundWhenItsSerialIsWrittenWithLeadingZerosInCapitals() throws Exception {
    KeyStore token = emptyToken();
    String serial = "00" + serialOf(rotated).toString(16).toUpperCase();
    token.setKeyEntry(SHUIBU.value() + "@" + serial, rotated.key(), PIN, chainOf(rotated));

    assertThat(keysOn(token).of(SHUIBU, serialOf(rotated).toString(16)))
        .map(SealKey::certificate)
        .contains(rotated.certificate());
  }

  @Test
  void anEntryWhoseCertificateNamesAnotherDepartmentIsRefused() throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(MARRIAGE.value(), current.key(), PIN, chainOf(current));
    SealKeys keys = keysOn(token);

    assertThatThrownBy(() -> keys.of(MARRIAGE))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("holds the seal of department FZ-PSB-GULOU-SHUIBU");
  }

  @Test
  void aKeyFiledWithAnotherKeysCertificateIsRefused() throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(SHUIBU.value(), rotated.key(), PIN, chainOf(current));
    SealKeys keys = keysOn(token);

    assertThatThrownBy(() -> keys.of(SHUIBU))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("does not belong to its certificate");
  }

  @Test
  void aDepartmentWithoutAnEntryHasNoSealAndIsToldWhereItWasLookedFor() throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(SHUIBU.value(), current.key(), PIN, chainOf(current));
    SealKeys keys = keysOn(token);

    assertThat(keys.of(WINDOW)).isEmpty();
    assertThat(keys.of(SHUIBU, "abc123")).isEmpty();
    assertThat(keys.storeOf(WINDOW)).contains("token", "alias 'FZ-ASC-GULOU'");
  }

  @Test
  void aTokenHoldingOnlyTheSealCertificateGetsTheChainCompletedWithItsTrustAnchor()
      throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(
        SHUIBU.value(), current.key(), PIN, new Certificate[] {current.certificate()});

    SealKey key = keysOn(token).of(SHUIBU).orElseThrow();

    assertThat(key.chain()).containsExactly(current.certificate(), authority.trustAnchor());
  }

  @Test
  void aSealFromAnUntrustedAuthorityIsRefused() throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(SHUIBU.value(), current.key(), PIN, chainOf(current));
    DevelopmentSealAuthority stranger = SealFixtures.authorityIn(dir.resolve("stranger"));
    SealKeys keys = SealKeys.fromToken(token, PIN, List.of(stranger.trustAnchor()));

    assertThatThrownBy(() -> keys.of(SHUIBU))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("trusted authority");
  }

  @Test
  void aRotationDoneOnTheTokenIsUsedOnceTheTokenIsReadAgain() throws Exception {
    KeyStore token = emptyToken();
    token.setKeyEntry(SHUIBU.value(), rotated.key(), PIN, chainOf(rotated));
    MovableClock clock = new MovableClock(CLOCK.instant());
    SealKeys keys =
        SealKeys.fromToken(
            token, PIN, List.of(authority.trustAnchor()), Duration.ofMinutes(1), clock);
    assertThat(keys.of(SHUIBU).orElseThrow().certificate()).isEqualTo(rotated.certificate());

    // The operator's rotation: the old entry re-aliased, the new one under the department id.
    token.deleteEntry(SHUIBU.value());
    token.setKeyEntry(
        SealKeys.rotatedAlias(SHUIBU, serialOf(rotated)), rotated.key(), PIN, chainOf(rotated));
    token.setKeyEntry(SHUIBU.value(), current.key(), PIN, chainOf(current));
    clock.advance(Duration.ofSeconds(30));
    assertThat(keys.of(SHUIBU).orElseThrow().certificate()).isEqualTo(rotated.certificate());
    clock.advance(Duration.ofSeconds(31));

    assertThat(keys.of(SHUIBU).orElseThrow().certificate()).isEqualTo(current.certificate());
    assertThat(keys.of(SHUIBU, serialOf(rotated).toString(16)))
        .map(SealKey::certificate)
        .contains(rotated.certificate());
  }

  /**
   * SoftHSM2 stands in for a hardware security module: a token is made with {@code softhsm2-util},
   * the seal key imported with {@code softhsm2-util --import} and the certificates written with
   * OpenSC's {@code pkcs11-tool}, as {@code docs/pkcs11.md} tells operators to. SoftHSM2 finds its
   * tokens through the environment variable {@code SOFTHSM2_CONF}, which a running JVM cannot set
   * for itself: the sealing runs in a child JVM started with it ({@link SealingOnSoftHsm}).
   */
  @Test
  void aReplySealedWithAKeyOnSoftHsmIsIntact() throws Exception {
    Assumptions.assumeTrue(
        Files.exists(SOFTHSM_LIBRARY) && onPath("softhsm2-util"), "SoftHSM2 not installed");
    Assumptions.assumeTrue(onPath("pkcs11-tool"), "OpenSC (pkcs11-tool) not installed");
    Path hsm = Files.createDirectories(dir.resolve("hsm"));
    Files.createDirectories(hsm.resolve("tokens"));
    Path softHsmConfig = hsm.resolve("softhsm2.conf");
    Files.writeString(
        softHsmConfig,
        "directories.tokendir = "
            + hsm.resolve("tokens")
            + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Map<String, String> environment = Map.of("SOFTHSM2_CONF", softHsmConfig.toString());
    String pin = new String(PIN);

    run(
        environment,
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "seals",
        "--pin",
        pin,
        "--so-pin",
        "87654321");
    importToSoftHsm(environment, hsm, current, SHUIBU.value(), "01");
    importToSoftHsm(
        environment, hsm, rotated, SealKeys.rotatedAlias(SHUIBU, serialOf(rotated)), "02");
    Path caFile = hsm.resolve("ca.der");
    Files.write(caFile, authority.trustAnchor().getEncoded());
    writeCertificate(environment, caFile, "ca", "0a");
    Path sunPkcs11Config = hsm.resolve("hsm.cfg");
    Files.writeString(
        sunPkcs11Config, "name = seals\nlibrary = " + SOFTHSM_LIBRARY + "\nslotListIndex = 0\n");

    Map<String, String> result =
        runChildJvm(
            environment,
            SealingOnSoftHsm.class.getName(),
            dir.resolve("pki").toString(),
            sunPkcs11Config.toString(),
            pin,
            serialOf(rotated).toString(16));

    assertThat(result)
        .containsEntry("verdict", Verdict.INTACT.name())
        .containsEntry("department", SHUIBU.value())
        .containsEntry("serial", serialOf(current).toString(16))
        .containsEntry("rotated", serialOf(rotated).toString(16))
        .containsEntry("keyIsExtractable", "false")
        .containsEntry("keyIsEcPrivateKey", "false")
        .containsEntry("signedBy", "SunPKCS11-seals");
  }

  /**
   * The sealing on SoftHSM2, run in a JVM whose environment names the token directory. Prints
   * {@code result <name>=<value>} lines for the test to check.
   */
  static final class SealingOnSoftHsm {

    /**
     * @param arguments the development authority's directory, the SunPKCS11 configuration file, the
     *     PIN and the serial number of the rotated seal
     */
    public static void main(String[] arguments) throws Exception {
      DevelopmentSealAuthority authority =
          DevelopmentSealAuthority.openOrCreate(
              Path.of(arguments[0]), SealFixtures.DEPARTMENTS, PASSWORD, CLOCK);
      SealKeys keys =
          SealKeys.fromPkcs11Config(
              Path.of(arguments[1]), arguments[2].toCharArray(), List.of(authority.trustAnchor()));
      JadesReplySeal sealer =
          new JadesReplySeal(
              keys,
              SealFixtures.trustOf(authority),
              SealFixtures.timestampsOf(authority, CLOCK),
              CLOCK);

      StampedReply stamped = sealer.seal(SealFixtures.reply(SHUIBU));
      SealVerification verification =
          new SealVerifier(SealFixtures.trustOf(authority)).verify(stamped.jws());

      PrivateKey key = keys.of(SHUIBU).orElseThrow().key();
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key);
      System.out.println("result verdict=" + verification.verdict());
      System.out.println("result department=" + verification.department());
      System.out.println("result serial=" + stamped.certificateSerial());
      System.out.println("result keyIsExtractable=" + (key.getEncoded() != null));
      System.out.println("result keyIsEcPrivateKey=" + (key instanceof ECPrivateKey));
      System.out.println("result signedBy=" + signature.getProvider().getName());
      System.out.println(
          "result rotated="
              + keys.of(SHUIBU, arguments[3])
                  .map(rotated -> rotated.certificate().getSerialNumber().toString(16))
                  .orElse("none"));
    }
  }

  private void importToSoftHsm(
      Map<String, String> environment, Path hsm, SealingKey key, String alias, String id)
      throws Exception {
    Path keyFile = hsm.resolve(id + "-key.pem");
    Files.writeString(
        keyFile,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.key().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    run(
        environment,
        "softhsm2-util",
        "--import",
        keyFile.toString(),
        "--token",
        "seals",
        "--label",
        alias,
        "--id",
        id,
        "--pin",
        new String(PIN));
    Files.delete(keyFile);
    Path certificateFile = hsm.resolve(id + "-certificate.der");
    Files.write(certificateFile, key.certificate().getEncoded());
    writeCertificate(environment, certificateFile, alias, id);
  }

  private static void writeCertificate(
      Map<String, String> environment, Path certificateFile, String label, String id)
      throws Exception {
    run(
        environment,
        "pkcs11-tool",
        "--module",
        SOFTHSM_LIBRARY.toString(),
        "--token-label",
        "seals",
        "--login",
        "--pin",
        new String(PIN),
        "--write-object",
        certificateFile.toString(),
        "--type",
        "cert",
        "--label",
        label,
        "--id",
        id);
  }

  private static String run(Map<String, String> environment, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command[0] + " ends").isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }

  private Map<String, String> runChildJvm(
      Map<String, String> environment, String mainClass, String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(arguments));
    Path log = dir.resolve("child-jvm.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    boolean ended = process.waitFor(3, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(ended).as("the sealing JVM ends\n" + output).isTrue();
    assertThat(process.exitValue()).as("the sealing JVM's exit\n" + output).isZero();
    System.out.println(
        output
            .lines()
            .filter(line -> line.startsWith("result "))
            .collect(Collectors.joining("\n")));
    return output
        .lines()
        .filter(line -> line.startsWith("result ") && line.contains("="))
        .map(line -> line.substring("result ".length()).split("=", 2))
        .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
  }

  private SealKeys keysOn(KeyStore token) {
    return SealKeys.fromToken(token, PIN, List.of(authority.trustAnchor()));
  }

  private static KeyStore emptyToken() throws Exception {
    KeyStore token = KeyStore.getInstance("PKCS12");
    token.load(null, null);
    return token;
  }

  private static SealingKey sealingKeyIn(Path store) {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, PASSWORD);
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : keyStore.getCertificateChain(SealKeys.SEAL_ALIAS)) {
        chain.add((X509Certificate) certificate);
      }
      return new SealingKey((PrivateKey) keyStore.getKey(SealKeys.SEAL_ALIAS, PASSWORD), chain);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + store, e);
    }
  }

  private static Certificate[] chainOf(SealingKey key) {
    return key.chain().toArray(Certificate[]::new);
  }

  private static BigInteger serialOf(SealingKey key) {
    return key.certificate().getSerialNumber();
  }
}
