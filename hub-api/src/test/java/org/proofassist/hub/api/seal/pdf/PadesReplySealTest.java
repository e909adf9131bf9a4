package org.proofassist.hub.api.seal.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.security.auth.x500.X500Principal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.StampedReply;

class PadesReplySealTest {

  private static final float RENDER_SCALE = 2f;

  private static TestPki pki;
  private static ReplyDocument.Rendered rendered;
  private static StampedReply stamp;
  private static byte[] signed;

  @BeforeAll
  static void sealTheDemoReply() throws IOException {
    pki = TestPki.forDepartment(ReplyDocumentTest.SHUIBU, ReplyDocumentTest.SHUIBU_NAME);
    Instant sealedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    ReplyContent reply =
        ReplyDocumentTest.aReply(
            ReplyOutcome.CONFIRMED, ReplyDocumentTest.someFacts(), sealedAt.minusSeconds(30));
    stamp =
        ReplyDocumentTest.aStamp(
            pki.seal().certificate().getSerialNumber().toString(16),
            pki.seal()
                .certificate()
                .getSubjectX500Principal()
                .getName(X500Principal.RFC2253, Map.of("2.5.4.97", "organizationIdentifier")),
            sealedAt);
    PadesReplySeal seal = new PadesReplySeal(pki.timestamps());

    long start = System.nanoTime();
    rendered = new ReplyDocument().render(reply, ReplyDocumentTest.SHUIBU_NAME, stamp);
    long renderedAt = System.nanoTime();
    signed = seal.seal(rendered, pki.seal(), ReplyDocumentTest.SHUIBU_NAME, stamp);
    long signedAt = System.nanoTime();
    Files.write(Path.of("target", "reply-sealed.pdf"), signed);
    System.out.printf(
        "render %d ms, seal %d ms (cold JVM)%n",
        (renderedAt - start) / 1_000_000, (signedAt - renderedAt) / 1_000_000);
  }

  @Test
  void theSealedLetterValidatesAsPadesBaselineTByTheDepartmentsSeal() throws Exception {
    Reports reports = validate(signed);

    SimpleReport simple = reports.getSimpleReport();
    String signature = simple.getFirstSignatureId();
    System.out.printf(
        "DSS: %s/%s %s, errors %s, warnings %s, info %s%n",
        simple.getIndication(signature),
        simple.getSubIndication(signature),
        simple.getSignatureFormat(signature),
        texts(simple.getAdESValidationErrors(signature)),
        texts(simple.getAdESValidationWarnings(signature)),
        texts(simple.getAdESValidationInfo(signature)));
    assertThat(simple.getSignaturesCount()).isEqualTo(1);
    assertThat(simple.getIndication(signature)).isEqualTo(Indication.TOTAL_PASSED);
    assertThat(simple.getSignatureFormat(signature)).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
    DiagnosticData diagnostics = reports.getDiagnosticData();
    SignatureWrapper wrapper = diagnostics.getSignatureById(signature);
    assertThat(wrapper.getSigningCertificate().getId())
        .isEqualTo(new CertificateToken(pki.seal().certificate()).getDSSIdAsString());
    assertThat(wrapper.getClaimedSigningTime().toInstant()).isEqualTo(stamp.sealedAt());
    assertThat(wrapper.getTimestampList()).hasSize(1);
    assertThat(wrapper.getSignatureFieldNames()).hasSize(1);
    assertThat(signatureHolds(signed)).as("the CMS signature checked with BouncyCastle").isTrue();
  }

  @Test
  void theSealShowsInRedInItsBoxAndNowhereElse() throws IOException {
    BufferedImage page = renderFirstPage(signed);
    ImageIO.write(page, "png", Path.of("target", "reply-page1.png").toFile());
    BufferedImage unsignedPage = renderFirstPage(rendered.pdf());

    ReplyDocument.SealPlacement box = rendered.placement();
    int left = Math.round(box.left() * RENDER_SCALE);
    int top = Math.round(box.top() * RENDER_SCALE);
    int size = Math.round(box.width() * RENDER_SCALE);
    double redInside = redShare(page, left, top, size, size);
    long redOutside = redPixels(page) - redPixels(page, left - 2, top - 2, size + 4, size + 4);

    assertThat(redInside).as("share of red pixels in the seal's box").isGreaterThan(0.10);
    assertThat(redOutside).as("red pixels outside the seal's box").isLessThan(20);
    assertThat(redShare(unsignedPage, left, top, size, size)).as("unsigned").isZero();
  }

  @Test
  void aByteChangedInTheSignedRevisionBreaksTheSeal() throws Exception {
    byte[] tampered = signed.clone();
    int target = pageContentOffset(signed) + 20;
    assertThat(target).isLessThan(signedRevisionEnd(signed));
    tampered[target] ^= 0x01;

    SimpleReport simple = validate(tampered).getSimpleReport();
    String signature = simple.getFirstSignatureId();

    System.out.printf(
        "tampered: %s/%s%n", simple.getIndication(signature), simple.getSubIndication(signature));
    assertThat(simple.getIndication(signature)).isNotEqualTo(Indication.TOTAL_PASSED);
    assertThat(simple.getSubIndication(signature))
        .isIn(SubIndication.HASH_FAILURE, SubIndication.SIG_CRYPTO_FAILURE);
    assertThat(signatureHolds(tampered)).isFalse();
  }

  @Test
  void popplerAgreesTheSealIsValid(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(onPath("pdfsig"), "pdfsig (poppler-utils) is not installed");
    Path file = dir.resolve("reply.pdf");
    Files.write(file, signed);

    Process pdfsig =
        new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
    assertThat(pdfsig.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String report = new String(pdfsig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    System.out.println(report);
    assertThat(report).contains("Signature is Valid");
  }

  @Test
  void sealsMadeAtTheSameTimeAreEachValid() throws Exception {
    PadesReplySeal seal = new PadesReplySeal(pki.timestamps());
    Callable<byte[]> sealing =
        () -> seal.seal(rendered, pki.seal(), ReplyDocumentTest.SHUIBU_NAME, stamp);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results =
          pool.invokeAll(Collections.nCopies(4, sealing), 30, TimeUnit.SECONDS);
      for (Future<byte[]> result : results) {
        assertThat(signatureHolds(result.get())).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Validates with DSS's default policy, trusting only the test CA; revocation data is an empty CRL
   * from that CA, issued after the signature was made, so both the seal and the TSA certificate are
   * known not to be revoked at the best-signature-time. Nothing is fetched online.
   */
  private static Reports validate(byte[] pdf) {
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trusted.addCertificate(new CertificateToken(pki.ca()));
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    verifier.setTrustedCertSources(trusted);
    verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(pki.emptyCrl())));
    verifier.setOcspSource(null);
    verifier.setAIASource(null);
    SignedDocumentValidator validator =
        SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, "reply.pdf"));
    validator.setCertificateVerifier(verifier);
    return validator.validateDocument();
  }

  /**
   * Checks the signature without DSS, cheaply: the CMS signer's message digest matches the signed
   * byte ranges and its signature verifies under the seal certificate.
   */
  private static boolean signatureHolds(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDSignature signature = document.getLastSignatureDictionary();
      ContentInfo cms;
      try (ASN1InputStream in = new ASN1InputStream(signature.getContents())) {
        cms = ContentInfo.getInstance(in.readObject());
      }
      CMSSignedData signed =
          new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), cms);
      SignerInformation signer = signed.getSignerInfos().iterator().next();
      return signer.verify(
          new JcaSimpleSignerInfoVerifierBuilder().build(pki.seal().certificate()));
    } catch (CMSSignerDigestMismatchException e) {
      return false;
    }
  }

  private static List<String> texts(List<Message> messages) {
    return messages.stream().map(message -> message.getKey() + ": " + message.getValue()).toList();
  }

  private static BufferedImage renderFirstPage(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFRenderer(document).renderImage(0, RENDER_SCALE);
    }
  }

  private static boolean isRed(int rgb) {
    int red = (rgb >> 16) & 0xff;
    int green = (rgb >> 8) & 0xff;
    int blue = rgb & 0xff;
    return red > 170 && green < 90 && blue < 90;
  }

  private static double redShare(BufferedImage image, int left, int top, int width, int height) {
    return redPixels(image, left, top, width, height) / (double) (width * height);
  }

  private static long redPixels(BufferedImage image) {
    return redPixels(image, 0, 0, image.getWidth(), image.getHeight());
  }

  private static long redPixels(BufferedImage image, int left, int top, int width, int height) {
    long red = 0;
    for (int y = Math.max(0, top); y < Math.min(image.getHeight(), top + height); y++) {
      for (int x = Math.max(0, left); x < Math.min(image.getWidth(), left + width); x++) {
        if (isRed(image.getRGB(x, y))) {
          red++;
        }
      }
    }
    return red;
  }

  /** Where the data of the first page's first content stream starts in the file. */
  private static int pageContentOffset(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      COSBase contents = document.getPage(0).getCOSObject().getItem(COSName.CONTENTS);
      if (contents instanceof COSArray array) {
        contents = array.get(0);
      }
      COSObjectKey key = ((COSObject) contents).getKey();
      long objectAt = document.getDocument().getXrefTable().get(key);
      return indexOf(pdf, "stream", (int) objectAt) + "stream".length() + 1;
    }
  }

  /** Where the first signed byte range ends: {@code b} of {@code /ByteRange [0 b c d]}. */
  private static int signedRevisionEnd(byte[] pdf) {
    int start = indexOf(pdf, "/ByteRange", 0);
    int open = indexOf(pdf, "[", start);
    int close = indexOf(pdf, "]", open);
    String[] range =
        new String(pdf, open + 1, close - open - 1, StandardCharsets.ISO_8859_1)
            .trim()
            .split("\\s+");
    return Integer.parseInt(range[1]);
  }

  private static int indexOf(byte[] haystack, String needle, int from) {
    byte[] bytes = needle.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int index = Math.max(0, from); index <= haystack.length - bytes.length; index++) {
      for (int offset = 0; offset < bytes.length; offset++) {
        if (haystack[index + offset] != bytes[offset]) {
          continue outer;
        }
      }
      return index;
    }
    return -1;
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(directory, command))) {
        return true;
      }
    }
    return false;
  }
}
