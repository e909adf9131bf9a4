package org.proofassist.hub.api.audit.chain;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.proofassist.hub.api.audit.chain.AuditBundleVerifier.Result;
import org.proofassist.hub.api.audit.chain.AuditBundleVerifier.Verdict;
import org.proofassist.hub.api.seal.SealKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code verify-audit-bundle}: checks a request's audit bundle ({@code GET
 * /api/v1/audit/requests/{id}/export}) offline, without the hub running.
 *
 * <pre>
 * java -jar hub-api/target/proof-assist-hub.jar verify-audit-bundle \
 *     [--trust-anchor data/pki/trust-anchor.pem] audit-VR-….json
 * </pre>
 *
 * Exit status: {@value #EXIT_INTACT} intact, {@value #EXIT_ALTERED} altered (or not proven),
 * {@value #EXIT_UNUSABLE} wrong arguments or a file that is not a bundle.
 */
public final class AuditBundleCheckCommand {

  /** The first argument of the executable jar that selects this command. */
  public static final String NAME = "verify-audit-bundle";

  public static final int EXIT_INTACT = 0;
  public static final int EXIT_ALTERED = 1;
  public static final int EXIT_UNUSABLE = 2;

  static final String USAGE =
      """
      Usage: java -jar proof-assist-hub.jar verify-audit-bundle [--trust-anchor FILE] BUNDLE

      Checks a request's audit bundle offline, without the hub running: each event's hash,
      the chain links, the signed checkpoints and that the chain reaches their heads.

        BUNDLE               the JSON returned by GET /api/v1/audit/requests/{id}/export
        --trust-anchor FILE  PEM file with the hub CA's certificate, e.g.
                             data/pki/trust-anchor.pem (or GET /api/v1/pki/trust-anchor);
                             without it the CA certificate inside the bundle is used, which
                             shows the bundle is consistent but not that your hub made it
        -h, --help           print this help

      Exit status: 0 intact, 1 altered or not proven, 2 wrong arguments or not a bundle.
      """;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final PrintStream out;
  private final PrintStream err;

  public AuditBundleCheckCommand(PrintStream out, PrintStream err) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  /** Runs on the console, as the executable jar does, with the libraries' logging turned down. */
  public static int runOnConsole(String... args) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
    }
    return new AuditBundleCheckCommand(System.out, System.err).run(args);
  }

  /**
   * Checks the bundle the arguments name and prints what was found.
   *
   * @param args the arguments after {@value #NAME}
   * @return the exit status
   */
  public int run(String... args) {
    Path bundleFile = null;
    List<Path> anchorFiles = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-h") || arg.equals("--help")) {
          out.print(USAGE);
          return EXIT_INTACT;
        } else if (arg.equals("--trust-anchor")) {
          if (i + 1 >= args.length) {
            return usage("--trust-anchor needs a file");
          }
          anchorFiles.add(Path.of(args[++i]));
        } else if (arg.startsWith("--trust-anchor=")) {
          anchorFiles.add(Path.of(arg.substring("--trust-anchor=".length())));
        } else if (arg.startsWith("-")) {
          return usage("unknown option " + arg);
        } else if (bundleFile != null) {
          return usage("give one bundle, not " + bundleFile + " and " + arg);
        } else {
          bundleFile = Path.of(arg);
        }
      }
    } catch (InvalidPathException e) {
      return usage("not a file name: " + e.getInput());
    }
    if (bundleFile == null) {
      return usage("the bundle to check is missing");
    }
    List<X509Certificate> anchors = new ArrayList<>();
    for (Path file : anchorFiles) {
      if (!Files.isReadable(file)) {
        return unusable("the trust anchor " + file + " cannot be read");
      }
      try {
        anchors.addAll(SealKeys.readTrustAnchors(file));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        return unusable("the trust anchor " + file + " is not a PEM file of X.509 certificates");
      }
    }
    JsonNode bundle;
    try {
      bundle = JSON.readTree(Files.readAllBytes(bundleFile));
    } catch (JsonProcessingException e) {
      return unusable(bundleFile + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return unusable("cannot read " + bundleFile + ": " + e);
    }
    Result result = AuditBundleVerifier.verify(bundle, anchors);
    print(bundleFile, anchors.isEmpty(), bundle, result);
    return switch (result.verdict()) {
      case INTACT -> EXIT_INTACT;
      case ALTERED -> EXIT_ALTERED;
      case UNUSABLE -> EXIT_UNUSABLE;
    };
  }

  private void print(Path file, boolean anchorFromBundle, JsonNode bundle, Result result) {
    line("Bundle", file);
    line("Verdict", result.verdict());
    if (result.verdict() != Verdict.UNUSABLE) {
      line("Request", result.requestId());
      line("Events", result.events() + " checked against their chain entries");
      line("Chain entries", result.entries() + " linked");
      result
          .checkpoints()
          .values()
          .forEach(
              checkpoint ->
                  line(
                      "Checkpoint",
                      checkpoint.chainSize()
                          + " entries, head "
                          + checkpoint.head()
                          + ", signed "
                          + checkpoint.signedAt()));
      line("Signed by", result.signer());
      line(
          "Sealed reply",
          bundle.has("sealedReply")
              ? (result.sealedReply()
                  ? "the one the chained ReplyIssued event carries (check its seal with verify-seal)"
                  : "does not match the chained events")
              : "none");
      line(
          "Trust anchor",
          anchorFromBundle
              ? "taken from the bundle ("
                  + fingerprint(bundle.path("trustAnchor").asText())
                  + "): compare it with your hub's data/pki/trust-anchor.pem, or pass"
                  + " --trust-anchor"
              : "as given");
    }
    result.findings().forEach(finding -> line("Finding", finding));
    out.flush();
  }

  private static String fingerprint(String pem) {
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      return "SHA-256 "
          + HexFormat.ofDelimiter(":")
              .withUpperCase()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateException | NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }

  private int usage(String message) {
    err.println(NAME + ": " + message);
    err.println();
    err.print(USAGE);
    return EXIT_UNUSABLE;
  }

  private int unusable(String message) {
    err.println(NAME + ": " + message);
    return EXIT_UNUSABLE;
  }

  private void line(String label, Object value) {
    out.printf(Locale.ROOT, "%-15s %s%n", label + ":", value == null ? "-" : value);
  }
}
