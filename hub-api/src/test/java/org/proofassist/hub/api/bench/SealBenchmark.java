package org.proofassist.hub.api.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.proofassist.hub.api.seal.CanonicalJson;
import org.proofassist.hub.api.seal.HubTimeStampAuthority;
import org.proofassist.hub.api.seal.JadesReplySeal;
import org.proofassist.hub.api.seal.SealKeys;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.api.seal.SealTrust;
import org.proofassist.hub.api.seal.SealVerification;
import org.proofassist.hub.api.seal.SealVerification.Verdict;
import org.proofassist.hub.api.seal.SealVerifier;
import org.proofassist.hub.api.seal.pdf.PadesReplySeal;
import org.proofassist.hub.api.seal.pdf.ReplyDocument;
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
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMH benchmark of sealing and checking a reply, against the signature primitive underneath: one
 * ECDSA P-256 signature ({@code SHA256withECDSA}, the JCA's) over the reply's canonical JSON, and
 * its verification. Each seal made by {@link JadesReplySeal} also builds the JAdES header, checks
 * the seal certificate against the trust and CRL, and asks the hub's time-stamping authority for a
 * token (one more ECDSA signature); each check by {@link SealVerifier} runs the full EU DSS
 * validation (signature, certificate chain, CRL, time-stamp). The PDF figures add rendering the
 * reply letter and PAdES signing, or PDF parsing and PAdES validation.
 *
 * <p>Run through {@link SealBenchmarkReport}, which also states each figure as a ratio to the raw
 * primitive of the same run. Everything runs against a {@link DevelopmentSealAuthority} in a
 * temporary directory; the libraries log errors only, as logging is not what is measured.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class SealBenchmark {

  private static final char[] PASSWORD = "benchmark".toCharArray();
  private static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  private static final String SHUIBU_NAME = "福州市公安局鼓楼分局水部派出所";
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private Path dir;
  private ReplyContent content;
  private byte[] canonical;
  private PrivateKey sealKey;
  private PublicKey sealPublicKey;
  private byte[] rawSignature;
  private JadesReplySeal jades;
  private SealVerifier verifier;
  private String sealedReply;
  private StampedReply stamp;
  private SealKey seal;
  private HubTimeStampAuthority timestamps;

  /** Opens a development authority, seals one reply and checks that it is intact. */
  @Setup
  public void openAuthority() throws IOException, GeneralSecurityException {
    quietLibraryLogging();
    dir = Files.createTempDirectory("seal-benchmark");
    Clock clock = Clock.systemUTC();
    DevelopmentSealAuthority authority =
        DevelopmentSealAuthority.openOrCreate(dir, List.of(issuingDepartment()), PASSWORD, clock);
    SealKeys keys =
        new SealKeys(authority.sealDirectory(), PASSWORD, List.of(authority.trustAnchor()));
    SealTrust trust =
        new SealTrust(List.of(authority.trustAnchor()), () -> Optional.of(authority.crl()));
    timestamps =
        new HubTimeStampAuthority(
            authority.timestampAuthority().key(), authority.timestampAuthority().chain(), clock);

    content = reply(clock.instant().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
    canonical = CanonicalJson.bytes(content);
    seal = keys.of(SHUIBU).orElseThrow();
    sealKey = seal.key();
    sealPublicKey = seal.certificate().getPublicKey();
    rawSignature = rawEcdsaSign();

    jades = new JadesReplySeal(keys, trust, timestamps, clock);
    verifier = new SealVerifier(trust);
    stamp = jades.seal(content);
    sealedReply = stamp.jws();
    requireIntact("the sealed reply", verifier.verify(sealedReply));
  }

  /** Deletes the authority's directory. */
  @TearDown
  public void deleteAuthority() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The primitive: one ECDSA P-256 signature over the reply's canonical JSON. */
  @Benchmark
  public byte[] rawEcdsaSign() throws GeneralSecurityException {
    Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
    signature.initSign(sealKey);
    signature.update(canonical);
    return signature.sign();
  }

  /** The primitive: verifying one ECDSA P-256 signature over the reply's canonical JSON. */
  @Benchmark
  public boolean rawEcdsaVerify() throws GeneralSecurityException {
    Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
    signature.initVerify(sealPublicKey);
    signature.update(canonical);
    return signature.verify(rawSignature);
  }

  /** A JAdES-BASELINE-T seal of a reply, time-stamp included. */
  @Benchmark
  public StampedReply jadesSeal() {
    return jades.seal(content);
  }

  /** The full DSS check of a sealed reply, CRL included. */
  @Benchmark
  public SealVerification jadesVerify() {
    return verifier.verify(sealedReply);
  }

  /** Rendering the reply letter and sealing it as PAdES-BASELINE-T with the visible seal. */
  @Benchmark
  public byte[] pdfRenderAndSeal(SealedLetter letter) {
    return letter.renderAndSeal(this);
  }

  /** The full DSS check of a sealed reply letter, CRL included. */
  @Benchmark
  public SealVerification pdfVerify(SealedLetter letter) {
    return verifier.verify(letter.sealed);
  }

  /**
   * The printed form of the reply, set up only for the PDF benchmarks: a letter renderer, its PAdES
   * seal, and one sealed letter checked to be intact.
   */
  @State(Scope.Benchmark)
  public static class SealedLetter {

    private ReplyDocument letters;
    private PadesReplySeal pades;
    private byte[] sealed;

    /** Seals one letter with the benchmark's authority. */
    @Setup
    public void sealOne(SealBenchmark bench) {
      letters = new ReplyDocument();
      pades = new PadesReplySeal(bench.timestamps);
      sealed = renderAndSeal(bench);
      requireIntact("the sealed letter", bench.verifier.verify(sealed));
    }

    byte[] renderAndSeal(SealBenchmark bench) {
      ReplyDocument.Rendered rendered = letters.render(bench.content, SHUIBU_NAME, bench.stamp);
      return pades.seal(rendered, bench.seal, SHUIBU_NAME, bench.stamp);
    }
  }

  private static void requireIntact(String what, SealVerification verification) {
    if (verification.verdict() != Verdict.INTACT) {
      throw new IllegalStateException(
          what
              + " is not intact ("
              + verification.verdict()
              + ": "
              + verification.reason()
              + "); measuring it would measure a failure");
    }
  }

  private static Department issuingDepartment() {
    return new Department(
        SHUIBU,
        SHUIBU_NAME,
        SHUIBU.value(),
        DepartmentKind.POLICE_STATION,
        null,
        List.of(),
        false,
        true);
  }

  private static ReplyContent reply(Instant issuedAt) {
    String first17 = "35010219900101123";
    return new ReplyContent(
        RequestId.of("VR-0123456789ABCDEFGHJK"),
        ProofTypeCode.of("SAME_PERSON"),
        new Subject(
            "林小明",
            CitizenIdNumber.of(first17 + CitizenIdNumber.checkCharacter(first17)),
            List.of(),
            DivisionCode.of("350102001"),
            "鼓楼区水部街道某路1号"),
        new Matter("HOUSING-SUBSIDY", "CASE-2026-0001"),
        "两个身份证号码是否为同一人",
        ReplyOutcome.CONFIRMED,
        "经核查，系同一人。",
        Map.of("householdNumber", "350102001-0042", "registeredSince", "2001-05"),
        SHUIBU,
        "王警官",
        issuedAt);
  }

  /**
   * Without Spring Boot, Logback logs everything at debug level; the EU DSS library would spend
   * more time logging than signing.
   */
  private static void quietLibraryLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
    }
  }
}
