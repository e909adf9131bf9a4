package org.proofassist.hub.api.seal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.proofassist.hub.api.seal.SealVerification.CertificateInfo;
import org.proofassist.hub.api.seal.SealVerification.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code verify-seal}: checks a sealed reply offline, without the hub running, for an auditor who
 * holds the hub CA's certificate and, ideally, its latest certificate revocation list.
 *
 * <pre>
 * java -jar hub-api/target/proof-assist-hub.jar verify-seal \
 *     --trust-anchor data/pki/trust-anchor.pem [--crl data/pki/crl.der] [--report] reply.json
 * </pre>
 *
 * <p>The reply may be the sealed JWS as text, the JSON document that {@code GET
 * /api/v1/requests/{id}/reply} returns (its {@code jws} is checked), or a sealed PDF letter. The
 * check is the hub's own {@link SealVerifier}; what it found is printed in plain words, and the
 * exit status says it to scripts: {@value #EXIT_INTACT} intact, {@value #EXIT_NOT_INTACT} any other
 * verdict, {@value #EXIT_USAGE} wrong arguments or unreadable files.
 *
 * <p>Without a CRL the revocation status of the seal certificate is unknown, so the verdict is
 * (correctly) not INTACT; the output says that revocation was not checked.
 */
public final class SealCheckCommand {

  /** The first argument of the executable jar that selects this command. */
  public static final String NAME = "verify-seal";

  /** Exit status: the reply is intact. */
  public static final int EXIT_INTACT = 0;

  /** Exit status: any other verdict, or the check could not be made. */
  public static final int EXIT_NOT_INTACT = 1;

  /** Exit status: wrong arguments, a missing or unreadable file. */
  public static final int EXIT_USAGE = 2;

  static final String USAGE =
      """
      Usage: java -jar proof-assist-hub.jar verify-seal
                 --trust-anchor FILE [--crl FILE] [--report] REPLY

      Checks a sealed reply offline, without the hub running.

        REPLY                a sealed reply: the JWS as text, the JSON document returned by
                             GET /api/v1/requests/{id}/reply (its "jws" is checked),
                             or a sealed PDF letter
        --trust-anchor FILE  PEM file with the hub CA's certificate(s),
                             e.g. data/pki/trust-anchor.pem; may be given more than once
        --crl FILE           the hub's certificate revocation list, DER or PEM,
                             e.g. data/pki/crl.der (or GET /api/v1/pki/crl); without it
                             revocation is not checked and the verdict cannot be INTACT
        --report             also print the EU DSS simple validation report (XML)
        -h, --help           print this help

      Exit status: 0 intact, 1 any other verdict, 2 wrong arguments or unreadable files.
      """;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final String NOT_CHECKED =
      "revocation was not checked: no --crl was given, so the seal certificate may have been"
          + " revoked and the reply cannot be confirmed intact";

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  /**
   * @param out where the finding is printed
   * @param err where usage errors are printed
   * @param clock tells whether the given CRL is past its next update
   */
  public SealCheckCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs the command on the console, as the executable jar does: the libraries' logging is turned
   * down first so that only the finding is printed.
   *
   * @param args the arguments after {@value #NAME}
   * @return the exit status
   */
  public static int runOnConsole(String... args) {
    quietLibraryLogging();
    return new SealCheckCommand(System.out, System.err, Clock.systemUTC()).run(args);
  }

  /**
   * Checks the reply the arguments name and prints what was found.
   *
   * @param args the arguments after {@value #NAME}
   * @return the exit status: {@value #EXIT_INTACT}, {@value #EXIT_NOT_INTACT} or {@value
   *     #EXIT_USAGE}
   */
  public int run(String... args) {
    try {
      Arguments arguments = Arguments.parse(args);
      if (arguments.help()) {
        out.print(USAGE);
        return EXIT_INTACT;
      }
      List<X509Certificate> anchors = readAnchors(arguments.trustAnchors());
      Optional<X509CRL> crl =
          arguments.crl() == null ? Optional.empty() : Optional.of(readCrl(arguments.crl()));
      SealedReply reply = readReply(arguments.reply());
      SealTrust trust = new SealTrust(anchors, () -> crl);
      SealVerification verification =
          new SealVerifier(trust).verify(reply.bytes(), arguments.report());
      print(arguments, reply, crl, anchors, verification);
      return verification.intact() ? EXIT_INTACT : EXIT_NOT_INTACT;
    } catch (UsageException e) {
      err.println(NAME + ": " + e.getMessage());
      if (e.showUsage) {
        err.println();
        err.print(USAGE);
      }
      return EXIT_USAGE;
    } catch (RuntimeException e) {
      err.println(NAME + ": the seal could not be checked: " + e);
      return EXIT_NOT_INTACT;
    }
  }

  private void print(
      Arguments arguments,
      SealedReply reply,
      Optional<X509CRL> crl,
      List<X509Certificate> anchors,
      SealVerification verification) {
    line("Reply", arguments.reply() + " (" + reply.kind() + ")");
    line("Verdict", verification.verdict().name());
    line("Reason", verification.reason());
    line("Department", verification.department());
    line("Sealed at", verification.sealedAt());
    line("Time-stamped at", verification.timestampedAt());
    CertificateInfo certificate = verification.certificate();
    if (certificate != null) {
      line("Certificate", certificate.subject());
      line("Serial number", certificate.serialNumber());
      line("Issued by", certificate.issuer());
      line("Valid", certificate.notBefore() + " to " + certificate.notAfter());
    }
    line("Format", verification.format());
    Validation validation = verification.validation();
    if (validation != null) {
      line("DSS indication", validation.indication());
      line("DSS sub-indication", validation.subIndication());
    }
    line("Revocation", crl.map(given -> revocationNote(given, anchors)).orElse(NOT_CHECKED));
    if (validation != null) {
      validation.errors().forEach(message -> line("DSS error", message));
      validation.warnings().forEach(message -> line("DSS warning", message));
    }
    if (verification.validationReport() != null) {
      out.println();
      out.println("DSS simple report:");
      out.println(verification.validationReport());
    }
    out.flush();
  }

  private String revocationNote(X509CRL crl, List<X509Certificate> anchors) {
    StringBuilder note =
        new StringBuilder("checked against the CRL of ")
            .append(SealVerifier.nameOf(crl.getIssuerX500Principal()))
            .append(", issued ")
            .append(crl.getThisUpdate().toInstant());
    if (crl.getNextUpdate() != null) {
      Instant next = crl.getNextUpdate().toInstant();
      note.append(", next update ").append(next);
      if (next.isBefore(clock.instant())) {
        note.append(" (past: fetch a newer CRL)");
      }
    }
    int revoked = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
    note.append(", ").append(revoked).append(" certificate(s) revoked");
    if (anchors.stream().noneMatch(anchor -> signs(anchor, crl))) {
      note.append("; it is not signed by the given trust anchor");
    }
    return note.toString();
  }

  private static boolean signs(X509Certificate anchor, X509CRL crl) {
    try {
      crl.verify(anchor.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private void line(String label, Object value) {
    out.printf(Locale.ROOT, "%-19s %s%n", label + ":", value == null ? "-" : value);
  }

  private static List<X509Certificate> readAnchors(List<Path> files) throws UsageException {
    List<X509Certificate> anchors = new ArrayList<>();
    for (Path file : files) {
      requireReadable(file, "trust anchor");
      try {
        anchors.addAll(SealKeys.readTrustAnchors(file));
      } catch (UncheckedIOException e) {
        throw new UsageException("cannot read the trust anchor " + file + ": " + e.getCause());
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "the trust anchor " + file + " is not a PEM file of X.509 certificates");
      }
    }
    return anchors;
  }

  private static X509CRL readCrl(Path file) throws UsageException {
    requireReadable(file, "CRL");
    try (InputStream in = Files.newInputStream(file)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (IOException e) {
      throw new UsageException("cannot read the CRL " + file + ": " + e);
    } catch (CRLException | CertificateException | ClassCastException e) {
      throw new UsageException("the CRL " + file + " is not an X.509 CRL (DER or PEM)");
    }
  }

  private static SealedReply readReply(Path file) throws UsageException {
    requireReadable(file, "reply");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("the reply " + file + " does not exist");
    } catch (IOException e) {
      throw new UsageException("cannot read the reply " + file + ": " + e);
    }
    if (startsWith(bytes, PDF_MAGIC)) {
      return new SealedReply(bytes, "PDF");
    }
    String decoded = new String(bytes, StandardCharsets.UTF_8);
    String text = (decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded).strip();
    return jwsField(text)
        .map(jws -> new SealedReply(utf8(jws), "reply document, its \"jws\" checked"))
        .orElseGet(() -> new SealedReply(utf8(text), "sealed JWS"));
  }

  /** The {@code jws} of the API's reply document, if the text is one. */
  private static Optional<String> jwsField(String text) {
    if (!text.startsWith("{")) {
      return Optional.empty();
    }
    try {
      JsonNode jws = JSON.readTree(text).get("jws");
      return jws != null && jws.isTextual() ? Optional.of(jws.asText().strip()) : Optional.empty();
    } catch (JsonProcessingException e) {
      // Not JSON: the verifier will say what it is.
      return Optional.empty();
    }
  }

  private static void requireReadable(Path file, String what) throws UsageException {
    if (!Files.exists(file)) {
      throw new UsageException("the " + what + " " + file + " does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UsageException("the " + what + " " + file + " is not a readable file");
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Turns the libraries' logging down to errors. Without Spring Boot to configure Logback, it would
   * print everything the EU DSS library says at debug level among the finding.
   */
  private static void quietLibraryLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
      context.getLogger("eu.europa.esig").setLevel(Level.ERROR);
    }
  }

  /** The bytes to check and what kind of file they came from. */
  private record SealedReply(byte[] bytes, String kind) {}

  /**
   * The parsed command line.
   *
   * @param trustAnchors PEM files of trust anchors; at least one unless {@code help}
   * @param crl the CRL file, or {@code null}
   * @param report whether to print DSS's simple report
   * @param reply the sealed reply file; present unless {@code help}
   * @param help whether help was asked for
   */
  private record Arguments(
      List<Path> trustAnchors, Path crl, boolean report, Path reply, boolean help) {

    static Arguments parse(String... args) throws UsageException {
      List<Path> anchors = new ArrayList<>();
      Path crl = null;
      boolean report = false;
      Path reply = null;
      Iterator<String> tokens = tokens(args).iterator();
      while (tokens.hasNext()) {
        String arg = tokens.next();
        switch (arg) {
          case "-h", "--help" -> {
            return new Arguments(List.of(), null, false, null, true);
          }
          case "--trust-anchor" -> anchors.add(fileAfter(arg, tokens));
          case "--crl" -> {
            if (crl != null) {
              throw new UsageException("--crl may be given only once", true);
            }
            crl = fileAfter(arg, tokens);
          }
          case "--report" -> report = true;
          default -> {
            if (arg.startsWith("-")) {
              throw new UsageException("unknown option " + arg, true);
            }
            if (reply != null) {
              throw new UsageException("give one reply file, not " + reply + " and " + arg, true);
            }
            reply = path(arg);
          }
        }
      }
      if (anchors.isEmpty()) {
        throw new UsageException("--trust-anchor is required", true);
      }
      if (reply == null) {
        throw new UsageException("the reply file to check is missing", true);
      }
      return new Arguments(List.copyOf(anchors), crl, report, reply, false);
    }

    /** The arguments with {@code --option=value} split in two. */
    private static List<String> tokens(String... args) {
      List<String> tokens = new ArrayList<>();
      for (String arg : args) {
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
          tokens.add(arg.substring(0, equals));
          tokens.add(arg.substring(equals + 1));
        } else {
          tokens.add(arg);
        }
      }
      return tokens;
    }

    private static Path fileAfter(String option, Iterator<String> tokens) throws UsageException {
      String value = tokens.hasNext() ? tokens.next() : "";
      if (value.isBlank() || value.startsWith("-")) {
        throw new UsageException(option + " needs a file", true);
      }
      return path(value);
    }

    private static Path path(String name) throws UsageException {
      try {
        return Path.of(name);
      } catch (InvalidPathException e) {
        throw new UsageException("not a file name: " + name, true);
      }
    }
  }

  /** Wrong arguments or an unreadable file: exit status {@value #EXIT_USAGE}. */
  private static final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean showUsage;

    UsageException(String message) {
      this(message, false);
    }

    UsageException(String message, boolean showUsage) {
      super(message);
      this.showUsage = showUsage;
    }
  }
}
