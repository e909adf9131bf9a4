package org.proofassist.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A seal's life over the API: issued at first start, published trust anchor and CRL, rotated by the
 * administrator, revoked; replies sealed before each change stay intact, and every change is an
 * event of the department's seal history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SealLifecycleTest {

  private static final String SHUIBU = "FZ-PSB-GULOU-SHUIBU";

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> data.toString());
  }

  @LocalServerPort int port;
  @Autowired EventStore events;

  private HubClient client() {
    return new HubClient(port);
  }

  @Test
  void theHubRecordsEverySealItIssuedAtStart() {
    List<String> types =
        events.readEvents(SHUIBU).asStream().map(e -> e.getPayloadType().getSimpleName()).toList();

    assertThat(types).startsWith("SealIssued");
  }

  @Test
  void trustAnchorAndCrlArePublishedWithoutSignIn() throws Exception {
    HttpResponse<byte[]> anchor = fetch("/api/v1/pki/trust-anchor");
    HttpResponse<byte[]> crl = fetch("/api/v1/pki/crl");

    assertThat(anchor.statusCode()).isEqualTo(200);
    assertThat(crl.statusCode()).isEqualTo(200);
    assertThat(crl.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    X509Certificate ca =
        (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(anchor.body()));
    X509CRL list = (X509CRL) factory.generateCRL(new ByteArrayInputStream(crl.body()));
    list.verify(ca.getPublicKey());
    assertThat(list.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
  }

  @Test
  void rotationAndRevocationKeepOldRepliesIntactAndAreRecorded() throws Exception {
    String before = answeredRequest();
    String firstSerial = currentSerial();

    Answer rotated =
        client()
            .post(
                "hub.admin",
                "/api/v1/admin/seals/" + SHUIBU + "/rotation",
                Map.of("reason", "annual renewal"));
    assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
    String secondSerial = rotated.text("/serialNumber");
    assertThat(secondSerial).isNotEqualTo(firstSerial);

    String after = answeredRequest();
    assertThat(reply(after).text("/certificate/serialNumber")).isEqualTo(secondSerial);
    assertThat(verdictOf(before)).isEqualTo("INTACT");
    assertThat(verdictOf(after)).isEqualTo("INTACT");

    Answer revoked =
        client()
            .post(
                "hub.admin",
                "/api/v1/admin/seals/" + SHUIBU + "/revocations",
                Map.of("serialNumber", secondSerial, "reason", "KEY_COMPROMISE"));
    assertThat(revoked.status()).as(revoked.raw().body()).isEqualTo(201);
    assertThat(revoked.text("/standing")).isEqualTo("REVOKED");

    // Sealed (and time-stamped) before the revocation: still a good reply.
    assertThat(verdictOf(after)).isEqualTo("INTACT");
    Answer letter = client().get("window.clerk", "/api/v1/requests/" + after + "/reply.pdf");
    assertThat(letter.status()).as(letter.raw().body()).isEqualTo(409);
    assertThat(letter.text("/code")).isEqualTo("SEAL_REVOKED");
    assertThat(crlSerials()).contains(new BigInteger(secondSerial, 16));
    String thirdSerial = currentSerial();
    assertThat(thirdSerial).isNotIn(firstSerial, secondSerial);
    assertThat(reply(answeredRequest()).text("/certificate/serialNumber")).isEqualTo(thirdSerial);

    Answer listed = client().get("auditor", "/api/v1/admin/seals/" + SHUIBU);
    assertThat(listed.json().at("/certificates").findValuesAsText("standing"))
        .containsExactly("CURRENT", "REVOKED", "REPLACED");

    List<String> history =
        events.readEvents(SHUIBU).asStream().map(e -> e.getPayloadType().getSimpleName()).toList();
    assertThat(history)
        .containsSubsequence("SealIssued", "SealRotated", "SealCertificateRevoked", "SealRotated");
  }

  @Test
  void theReplyLetterIsASealedPdfThatVerifiesAndAlteringOneByteBreaksIt() {
    String id = answeredRequest();

    HttpResponse<byte[]> letter =
        client().download("window.clerk", "/api/v1/requests/" + id + "/reply.pdf");
    assertThat(letter.statusCode()).isEqualTo(200);
    assertThat(letter.headers().firstValue("Content-Type")).hasValue("application/pdf");
    byte[] pdf = letter.body();
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");

    Answer verdict = client().post("window.clerk", "/api/v1/seals/verify", pdf, "application/pdf");
    assertThat(verdict.status()).as(verdict.raw().body()).isEqualTo(200);
    assertThat(verdict.text("/verdict")).isEqualTo("INTACT");
    assertThat(verdict.text("/department")).isEqualTo(SHUIBU);
    assertThat(verdict.text("/format")).isEqualTo("PAdES-BASELINE-T");
    assertThat(verdict.text("/certificate/serialNumber"))
        .isEqualTo(reply(id).text("/certificate/serialNumber"));

    assertThat(client().download("window.clerk", "/api/v1/requests/" + id + "/reply.pdf").body())
        .as("the same letter on every download")
        .isEqualTo(pdf);

    byte[] altered = pdf.clone();
    int at = indexOf(altered, "/Contents".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    int changed = at > 0 ? 200 : altered.length / 3;
    altered[changed] = (byte) (altered[changed] == 'A' ? 'B' : 'A');
    Answer broken =
        client().post("window.clerk", "/api/v1/seals/verify", altered, "application/pdf");
    assertThat(broken.status()).isEqualTo(200);
    assertThat(broken.text("/verdict")).isNotEqualTo("INTACT");

    assertThat(
            client()
                .download("dongjie.officer", "/api/v1/requests/" + id + "/reply.pdf")
                .statusCode())
        .isEqualTo(404);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void onlyTheAdministratorChangesSeals() {
    assertThat(
            client()
                .post(
                    "window.clerk",
                    "/api/v1/admin/seals/" + SHUIBU + "/rotation",
                    Map.of("reason", "x"))
                .status())
        .isEqualTo(403);
    assertThat(
            client()
                .post(
                    "auditor", "/api/v1/admin/seals/" + SHUIBU + "/rotation", Map.of("reason", "x"))
                .status())
        .isEqualTo(403);
    assertThat(client().get("shuibu.officer", "/api/v1/admin/seals/" + SHUIBU).status())
        .isEqualTo(403);
  }

  @Test
  void aRevocationInTheFutureOrOfAnUnknownCertificateIsRefusedAndChangesNothing() throws Exception {
    String serial = currentSerial();
    List<BigInteger> crlBefore = crlSerials();

    Answer future =
        client()
            .post(
                "hub.admin",
                "/api/v1/admin/seals/" + SHUIBU + "/revocations",
                Map.of(
                    "serialNumber",
                    serial,
                    "revokedAt",
                    Instant.now().plusSeconds(3600).toString(),
                    "reason",
                    "SUPERSEDED"));
    assertThat(future.status()).as(future.raw().body()).isEqualTo(400);
    assertThat(future.text("/field")).isEqualTo("revokedAt");

    Answer unknown =
        client()
            .post(
                "hub.admin",
                "/api/v1/admin/seals/" + SHUIBU + "/revocations",
                Map.of("serialNumber", "abc123", "reason", "SUPERSEDED"));
    assertThat(unknown.status()).isEqualTo(404);

    Answer badReason =
        client()
            .post(
                "hub.admin",
                "/api/v1/admin/seals/" + SHUIBU + "/revocations",
                Map.of("serialNumber", serial, "reason", "BORED"));
    assertThat(badReason.status()).isEqualTo(400);

    assertThat(currentSerial()).isEqualTo(serial);
    assertThat(crlSerials()).isEqualTo(crlBefore);
  }

  private String currentSerial() {
    Answer listed = client().get("hub.admin", "/api/v1/admin/seals/" + SHUIBU);
    assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
    JsonNode current = listed.json().at("/certificates/0");
    assertThat(current.at("/standing").asText()).isEqualTo("CURRENT");
    return current.at("/certificate/serialNumber").asText();
  }

  private String answeredRequest() {
    Map<String, Object> body = new HashMap<>(DemoWalkThroughTest.samePersonBody());
    body.put(
        "matter",
        Map.of("code", "REAL_ESTATE_DEREGISTRATION", "caseNumber", "FZ-" + UUID.randomUUID()));
    Answer raised =
        client()
            .post(
                "window.clerk",
                "/api/v1/requests",
                body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    String id = raised.text("/id");
    Answer accepted = client().post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "");
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
    Answer replied =
        client()
            .post(
                "shuibu.officer",
                "/api/v1/requests/" + id + "/reply",
                Map.of("outcome", "CONFIRMED", "statement", "经核查，系同一人。", "facts", Map.of()));
    assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
    return id;
  }

  private Answer reply(String id) {
    Answer reply = client().get("window.clerk", "/api/v1/requests/" + id + "/reply");
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply;
  }

  private String verdictOf(String id) {
    Answer verdict =
        client()
            .post("window.clerk", "/api/v1/seals/verify", Map.of("jws", reply(id).text("/jws")));
    assertThat(verdict.status()).as(verdict.raw().body()).isEqualTo(200);
    return verdict.text("/verdict");
  }

  private List<BigInteger> crlSerials() throws Exception {
    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(fetch("/api/v1/pki/crl").body()));
    return crl.getRevokedCertificates() == null
        ? List.of()
        : crl.getRevokedCertificates().stream().map(e -> e.getSerialNumber()).toList();
  }

  private HttpResponse<byte[]> fetch(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }
}
