package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;

/**
 * The offline {@code verify-seal} command as an auditor runs it: files on disk in, a verdict and an
 * exit status out.
 */
class SealCheckCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private DevelopmentSealAuthority authority;
  private StampedReply stamped;
  private Path anchor;
  private Path crl;
  private Path sealedJws;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void sealAReply() throws Exception {
    authority = SealFixtures.authorityIn(dir.resolve("pki"));
    authority.crl();
    anchor = authority.trustAnchorFile();
    crl = dir.resolve("pki").resolve(DevelopmentSealAuthority.CRL);
    stamped = SealFixtures.sealerOf(authority).seal(reply(SHUIBU));
    sealedJws = write("reply.jws", stamped.jws());
  }

  @Test
  void anIntactReplyCheckedWithAnchorAndCrlExitsZeroAndSaysIntact() {
    int status = check("--trust-anchor", anchor, "--crl", crl, sealedJws);

    assertThat(status).isZero();
    assertThat(out())
        .contains("INTACT")
        .contains(SHUIBU.value())
        .contains(stamped.certificateSerial());
    assertThat(out()).contains("TOTAL_PASSED").contains("checked against the CRL");
    assertThat(out()).doesNotContain("revocation was not checked");
    assertThat(err()).isEmpty();
  }

  @Test
  void aSealedPdfLetterIsCheckedToo() throws Exception {
    SealKeys.SealKey key = SealFixtures.keysOf(authority).of(SHUIBU).orElseThrow();
    String name = "福州市公安局鼓楼分局水部派出所";
    var rendered =
        new org.proofassist.hub.api.seal.pdf.ReplyDocument().render(reply(SHUIBU), name, stamped);
    byte[] pdf =
        new org.proofassist.hub.api.seal.pdf.PadesReplySeal(
                SealFixtures.timestampsOf(authority, SealFixtures.CLOCK))
            .seal(rendered, key, name, stamped);
    Path letter = Files.write(dir.resolve("reply.pdf"), pdf);

    int status = check("--trust-anchor", anchor, "--crl", crl, letter);

    assertThat(status).as(out()).isZero();
    assertThat(out()).contains("INTACT").contains("PAdES-BASELINE-T").contains(SHUIBU.value());
  }

  @Test
  void theReplyDocumentOfTheApiIsCheckedByItsJws() throws Exception {
    ObjectNode document = JSON.createObjectNode();
    document.put("requestId", "VR-0123456789ABCDEFGHJK");
    document.put("outcome", "CONFIRMED");
    document.put("issuingDepartment", SHUIBU.value());
    document.put("jws", stamped.jws());
    Path file =
        write("reply.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));

    int status = check("--trust-anchor=" + anchor, "--crl=" + crl, file);

    assertThat(status).isZero();
    assertThat(out()).contains("INTACT").contains("\"jws\" checked");
  }

  @Test
  void aFlippedCharacterInThePayloadIsAlteredAndExitsOne() throws Exception {
    ObjectNode jws = (ObjectNode) JSON.readTree(stamped.jws());
    char[] payload = jws.get("payload").asText().toCharArray();
    int middle = payload.length / 2;
    payload[middle] = payload[middle] == 'A' ? 'B' : 'A';
    jws.put("payload", new String(payload));
    Path altered = write("altered.jws", JSON.writeValueAsString(jws));

    int status = check("--trust-anchor", anchor, "--crl", crl, altered);

    assertThat(status).isEqualTo(SealCheckCommand.EXIT_NOT_INTACT);
    assertThat(out()).contains("ALTERED").contains("HASH_FAILURE");
  }

  @Test
  void aReplyCheckedAgainstAnotherAuthorityIsUntrustedAndExitsOne() {
    DevelopmentSealAuthority other = SealFixtures.authorityIn(dir.resolve("other-pki"));

    int status = check("--trust-anchor", other.trustAnchorFile(), sealedJws);

    assertThat(status).isEqualTo(SealCheckCommand.EXIT_NOT_INTACT);
    assertThat(out()).contains("UNTRUSTED_CERTIFICATE");
  }

  @Test
  void withoutCrlTheReplyIsNotConfirmedAndTheOutputSaysRevocationWasNotChecked() {
    int status = check("--trust-anchor", anchor, sealedJws);

    assertThat(status).isNotZero();
    assertThat(out()).contains("revocation was not checked").doesNotContain("INTACT");
  }

  @Test
  void theDssSimpleReportIsPrintedWhenAskedFor() {
    int status = check("--trust-anchor", anchor, "--crl", crl, "--report", sealedJws);

    assertThat(status).isZero();
    assertThat(out()).contains("DSS simple report:").contains("SimpleReport");
  }

  @Test
  void aReplyFileThatDoesNotExistIsAUsageError() {
    int status = check("--trust-anchor", anchor, dir.resolve("no-such-reply.json"));

    assertThat(status).isEqualTo(SealCheckCommand.EXIT_USAGE);
    assertThat(err()).contains("no-such-reply.json").contains("does not exist");
    assertThat(out()).isEmpty();
  }

  @Test
  void aTrustAnchorThatIsNotPemIsAUsageError() throws Exception {
    Path notPem = write("anchor.pem", "not a certificate");

    int status = check("--trust-anchor", notPem, sealedJws);

    assertThat(status).isEqualTo(SealCheckCommand.EXIT_USAGE);
    assertThat(err()).contains("anchor.pem").contains("not a PEM file");
  }

  @Test
  void aMissingTrustAnchorOptionIsAUsageErrorThatShowsTheUsage() {
    int status = check(sealedJws);

    assertThat(status).isEqualTo(SealCheckCommand.EXIT_USAGE);
    assertThat(err()).contains("--trust-anchor is required").contains("Usage:");
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    int status = check("--help");

    assertThat(status).isZero();
    assertThat(out()).contains("Usage:").contains("--crl");
  }

  /** Runs the command as the jar would, its output captured. */
  private int check(Object... args) {
    List<String> arguments = new ArrayList<>();
    for (Object arg : args) {
      arguments.add(arg.toString());
    }
    return new SealCheckCommand(printing(out), printing(err), Clock.systemUTC())
        .run(arguments.toArray(String[]::new));
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static PrintStream printing(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
