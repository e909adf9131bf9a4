package org.proofassist.hub.api.seal;

import com.nimbusds.jose.jwk.Curve;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.seal.SealUnavailableException;

/**
 * The departments' seal keys and the trust anchors their chains lead to. The keys are kept in one
 * of two ways:
 *
 * <ul>
 *   <li>in files ({@link #SealKeys(Path, char[], List) the constructor}): one PKCS#12 store {@code
 *       <DEPARTMENT-ID>.p12} per department in one directory (alias {@code seal}: an ECDSA P-256
 *       key and its chain, seal certificate first), and the seals replaced by a rotation in {@code
 *       archive/<DEPARTMENT-ID>-<serial>.p12}. A store is read when first needed and again whenever
 *       its file changes, so a renewed seal is used without a restart;
 *   <li>on a PKCS#11 token, such as a hardware security module ({@link #fromPkcs11Config}, {@link
 *       #fromToken}): the key entry whose alias is the department id is the current seal, an entry
 *       aliased {@code <DEPARTMENT-ID>@<serial>} one replaced by a rotation. The keys never leave
 *       the token; signing with them goes through the token's provider. The token's entries are
 *       read again every {@link #TOKEN_REREAD}, so a rotation done on the token is used without a
 *       restart.
 * </ul>
 *
 * <p>Before a key is handed out it is checked: it must be an EC key whose certificate holds a P-256
 * public key, sign what that public key verifies, name the department in the certificate's {@code
 * organizationIdentifier} and chain to a trust anchor.
 */
public final class SealKeys {

  /** The alias of the seal key in a department's PKCS#12 store. */
  public static final String SEAL_ALIAS = "seal";

  /**
   * What separates the department id from the certificate's serial number (hexadecimal) in the
   * alias of a rotated seal on a token: {@code FZ-PSB-GULOU-SHUIBU@1f3a…}.
   */
  public static final String ROTATED_MARK = "@";

  /** How often the entries of a token are read again, so that a rotation on it is seen. */
  public static final Duration TOKEN_REREAD = Duration.ofMinutes(1);

  private static final String STORE_SUFFIX = ".p12";
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final byte[] PAIRING_PROBE =
      "Proof Assist Hub: does this key belong to this certificate?"
          .getBytes(StandardCharsets.US_ASCII);

  private final KeyCheck check;
  private final Holding holding;

  /**
   * Seal keys kept in PKCS#12 files.
   *
   * @param sealDir the directory holding {@code <DEPARTMENT-ID>.p12} stores
   * @param password the stores' password
   * @param trustAnchors the CA certificates seal chains must lead to; at least one
   */
  public SealKeys(Path sealDir, char[] password, List<X509Certificate> trustAnchors) {
    this.check = new KeyCheck(trustAnchors);
    this.holding = new StoreFiles(sealDir, password, check);
  }

  private SealKeys(KeyCheck check, Holding holding) {
    this.check = check;
    this.holding = holding;
  }

  /**
   * Seal keys on the PKCS#11 token that a SunPKCS11 configuration file describes ({@code name},
   * {@code library}, {@code slot} or {@code slotListIndex}). The token's provider is installed in
   * this JVM, so that {@code Signature.getInstance("SHA256withECDSA")} finds it for the token's
   * keys, and the token is logged in to at once: a missing library, a wrong slot or a wrong PIN
   * fail here, not at the first seal.
   *
   * @param configFile the SunPKCS11 configuration file
   * @param pin the token's user PIN; empty when the token authenticates by itself (a PIN pad)
   * @param trustAnchors the CA certificates seal chains must lead to; at least one
   * @throws IllegalStateException when the token cannot be opened
   */
  public static SealKeys fromPkcs11Config(
      Path configFile, char[] pin, List<X509Certificate> trustAnchors) {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(pin, "pin");
    if (!Files.isReadable(configFile)) {
      throw new IllegalStateException(
          "the PKCS#11 configuration file " + configFile + " cannot be read");
    }
    Provider provider = installedProvider(configFile);
    KeyStore token;
    try {
      token = KeyStore.getInstance("PKCS11", provider);
      token.load(null, pin.length == 0 ? null : pin);
    } catch (IOException | GeneralSecurityException | ProviderException e) {
      throw new IllegalStateException(
          "the PKCS#11 token of "
              + provider.getName()
              + " cannot be opened (token present? PIN right?): "
              + reasonOf(e),
          e);
    }
    return fromToken(token, pin, trustAnchors);
  }

  /**
   * Seal keys on a token that is open already: a {@code PKCS11} key store logged in to, or any key
   * store laid out the same way. Key entries aliased by a department id are current seals, those
   * aliased {@code <DEPARTMENT-ID>@<serial>} rotated ones. A {@code PKCS11} store is loaded again
   * every {@link #TOKEN_REREAD} to see entries added or re-aliased since; any other store is used
   * as it is.
   *
   * @param token the opened key store
   * @param pin the PIN, also given as the password of each key entry (a PKCS#11 store ignores it)
   * @param trustAnchors the CA certificates seal chains must lead to; at least one
   */
  public static SealKeys fromToken(KeyStore token, char[] pin, List<X509Certificate> trustAnchors) {
    return fromToken(token, pin, trustAnchors, TOKEN_REREAD, Clock.systemUTC());
  }

  /** As {@link #fromToken(KeyStore, char[], List)}, with the re-read interval and clock given. */
  static SealKeys fromToken(
      KeyStore token,
      char[] pin,
      List<X509Certificate> trustAnchors,
      Duration reread,
      Clock clock) {
    KeyCheck check = new KeyCheck(trustAnchors);
    return new SealKeys(check, new TokenEntries(token, pin, reread, clock, check));
  }

  /** Reads every certificate in a PEM file, such as a development authority's trust anchor. */
  public static List<X509Certificate> readTrustAnchors(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      List<X509Certificate> anchors = new ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        anchors.add((X509Certificate) certificate);
      }
      if (anchors.isEmpty()) {
        throw new IllegalArgumentException(pemFile + " holds no certificate");
      }
      return List.copyOf(anchors);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trust anchors from " + pemFile, e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(pemFile + " does not hold X.509 certificates", e);
    }
  }

  /** The alias under which a token keeps a department's seal once a rotation replaced it. */
  public static String rotatedAlias(DepartmentId department, BigInteger serialNumber) {
    return department.value() + ROTATED_MARK + serialNumber.toString(16);
  }

  /** The CA certificates that seal chains lead to. */
  public List<X509Certificate> trustAnchors() {
    return check.trustAnchors();
  }

  /**
   * Where the seal of a department is looked for, for messages: a PKCS#12 file, or an alias on a
   * token.
   */
  public String storeOf(DepartmentId department) {
    return holding.placeOf(department);
  }

  /**
   * The seal key of a department.
   *
   * @return empty when the department has no seal store (no key entry on the token)
   * @throws SealUnavailableException when it has one that cannot be used (unreadable, wrong
   *     password, another department's seal, a chain to no trust anchor)
   */
  public Optional<SealKey> of(DepartmentId department) {
    return holding.current(department);
  }

  /**
   * The key of a particular seal certificate of a department: the current one, or one replaced by a
   * rotation and kept in {@code archive/<DEPARTMENT-ID>-<serial>.p12} (on a token: under the alias
   * {@code <DEPARTMENT-ID>@<serial>}).
   *
   * @param serialNumber the certificate's serial number in lower-case hexadecimal
   * @return empty when no store holds that certificate
   */
  public Optional<SealKey> of(DepartmentId department, String serialNumber) {
    Optional<SealKey> current = of(department);
    if (current.isPresent() && serialOf(current.get()).equals(serialNumber)) {
      return current;
    }
    if (!serialNumber.matches("[0-9a-f]+")) {
      return Optional.empty();
    }
    return holding
        .rotated(department, serialNumber)
        .filter(key -> serialOf(key).equals(serialNumber));
  }

  private static String serialOf(SealKey key) {
    return key.certificate().getSerialNumber().toString(16);
  }

  /** An exception and the one that started it, which tells a token's own error code (CKR_…). */
  private static String reasonOf(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (" + root + ")";
  }

  /**
   * Installs the SunPKCS11 provider for a configuration file, or finds the one installed for it
   * before (by the name the file gives).
   */
  private static synchronized Provider installedProvider(Path configFile) {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new IllegalStateException("this Java runtime has no SunPKCS11 provider");
    }
    Provider provider;
    try {
      provider = base.configure(configFile.toString());
    } catch (InvalidParameterException | ProviderException e) {
      throw new IllegalStateException(
          "the PKCS#11 token of " + configFile + " cannot be reached: " + reasonOf(e), e);
    }
    Provider installed = Security.getProvider(provider.getName());
    if (installed == null) {
      Security.addProvider(provider);
      return provider;
    }
    // A token's keys sign only through the provider instance that handed them out, and signing
    // picks the installed one: so the installed one serves, if it is for the same library.
    if (!installed.getInfo().equals(provider.getInfo())) {
      throw new IllegalStateException(
          "another provider named "
              + provider.getName()
              + " is installed ("
              + installed.getInfo()
              + "); give the token in "
              + configFile
              + " another name");
    }
    return installed;
  }

  /**
   * What a key must pass before it seals: an EC key whose certificate holds a P-256 public key and
   * names the department, that signs what the certificate verifies, with a chain to a trust anchor.
   *
   * @param trustAnchors the CA certificates seal chains must lead to; at least one
   */
  private record KeyCheck(List<X509Certificate> trustAnchors) {

    KeyCheck {
      trustAnchors = List.copyOf(trustAnchors);
      if (trustAnchors.isEmpty()) {
        throw new IllegalArgumentException("at least one trust anchor is needed");
      }
    }

    /**
     * Checks a key and its chain before they are used to seal for a department.
     *
     * @param place where the key was found, for messages
     */
    SealKey checked(DepartmentId department, Key key, Certificate[] certificates, String place) {
      if (!(key instanceof PrivateKey privateKey) || certificates == null) {
        throw new SealUnavailableException(department, place + " holds no seal key");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : certificates) {
        if (!(certificate instanceof X509Certificate x509)) {
          throw new SealUnavailableException(department, "its seal chain is not X.509");
        }
        chain.add(x509);
      }
      X509Certificate leaf = chain.get(0);
      // A key held in an HSM does not reveal its parameters: its certificate tells the curve.
      if (!"EC".equals(privateKey.getAlgorithm())
          || !(leaf.getPublicKey() instanceof ECPublicKey publicKey)
          || Curve.forECParameterSpec(publicKey.getParams()) != Curve.P_256) {
        throw new SealUnavailableException(department, "its seal key is not on curve P-256");
      }
      Optional<String> named = SealVerifier.departmentOf(leaf);
      if (named.isEmpty() || !named.get().equals(department.value())) {
        throw new SealUnavailableException(
            department,
            "its seal store holds the seal of "
                + named.map(id -> "department " + id).orElse("no department"));
      }
      completeWithAnchor(chain);
      try {
        SealVerifier.validatePath(chain, trustAnchors, leaf.getNotBefore().toInstant());
      } catch (CertPathValidatorException e) {
        throw new SealUnavailableException(
            department, "its seal chain does not lead to a trusted authority: " + e.getMessage());
      }
      requirePair(department, privateKey, leaf, place);
      return new SealKey(department, privateKey, chain);
    }

    /**
     * Adds the trust anchor that issued the last certificate of a chain that stops short of it, as
     * a token that holds only the seal certificate gives.
     */
    private void completeWithAnchor(List<X509Certificate> chain) {
      X509Certificate last = chain.get(chain.size() - 1);
      if (trustAnchors.contains(last)
          || last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
        return;
      }
      for (X509Certificate anchor : trustAnchors) {
        if (anchor.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
          try {
            last.verify(anchor.getPublicKey());
            chain.add(anchor);
            return;
          } catch (GeneralSecurityException e) {
            // not this anchor: path validation reports the chain if none fits
          }
        }
      }
    }

    /**
     * Signs a probe with the key and verifies it with the certificate, so that a key filed with
     * another key's certificate is refused before it seals anything.
     */
    private static void requirePair(
        DepartmentId department, PrivateKey key, X509Certificate certificate, String place) {
      boolean pair;
      try {
        Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
        signer.initSign(key);
        signer.update(PAIRING_PROBE);
        byte[] probe = signer.sign();
        Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(PAIRING_PROBE);
        pair = verifier.verify(probe);
      } catch (GeneralSecurityException | ProviderException e) {
        throw new SealUnavailableException(
            department, "the seal key in " + place + " cannot sign: " + e.getMessage());
      }
      if (!pair) {
        throw new SealUnavailableException(
            department, "the seal key in " + place + " does not belong to its certificate");
      }
    }
  }

  /** Where the keys are kept. */
  private sealed interface Holding permits StoreFiles, TokenEntries {

    Optional<SealKey> current(DepartmentId department);

    Optional<SealKey> rotated(DepartmentId department, String serialNumber);

    String placeOf(DepartmentId department);
  }

  /** PKCS#12 files in a directory, one per department, rotated seals in its archive. */
  private static final class StoreFiles implements Holding {

    private final Path sealDir;
    private final char[] password;
    private final KeyCheck check;
    private final Map<DepartmentId, LoadedStore> loaded = new ConcurrentHashMap<>();

    StoreFiles(Path sealDir, char[] password, KeyCheck check) {
      this.sealDir = Objects.requireNonNull(sealDir, "sealDir");
      this.password = Objects.requireNonNull(password, "password").clone();
      this.check = check;
    }

    @Override
    public String placeOf(DepartmentId department) {
      return storeOf(department).toString();
    }

    private Path storeOf(DepartmentId department) {
      return sealDir.resolve(department.value() + STORE_SUFFIX);
    }

    @Override
    public Optional<SealKey> current(DepartmentId department) {
      Path store = storeOf(department);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(store, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        loaded.remove(department);
        return Optional.empty();
      } catch (IOException e) {
        throw new SealUnavailableException(department, "its seal store cannot be read: " + e);
      }
      LoadedStore cached = loaded.get(department);
      if (cached != null && cached.isFrom(attributes)) {
        return Optional.of(cached.key());
      }
      SealKey key = load(department, store);
      loaded.put(
          department,
          new LoadedStore(
              attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), key));
      return Optional.of(key);
    }

    @Override
    public Optional<SealKey> rotated(DepartmentId department, String serialNumber) {
      Path archived =
          sealDir
              .resolve("archive")
              .resolve(department.value() + "-" + serialNumber + STORE_SUFFIX);
      return Files.exists(archived) ? Optional.of(load(department, archived)) : Optional.empty();
    }

    private SealKey load(DepartmentId department, Path store) {
      KeyStore keyStore;
      try (InputStream in = Files.newInputStream(store)) {
        keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(in, password);
      } catch (IOException e) {
        throw new SealUnavailableException(
            department, "its seal store cannot be opened (damaged, or another password): " + e);
      } catch (GeneralSecurityException e) {
        throw new SealUnavailableException(department, "its seal store cannot be opened: " + e);
      }
      try {
        return check.checked(
            department,
            keyStore.getKey(SEAL_ALIAS, password),
            keyStore.getCertificateChain(SEAL_ALIAS),
            "seal store " + store);
      } catch (GeneralSecurityException e) {
        throw new SealUnavailableException(department, "its seal key cannot be read: " + e);
      }
    }
  }

  /**
   * Key entries on a token, aliased by department id. Keys once checked are kept until a re-read of
   * the token finds another certificate under their alias.
   */
  private static final class TokenEntries implements Holding {

    private final KeyStore token;
    private final char[] pin;
    private final Duration reread;
    private final Clock clock;
    private final KeyCheck check;
    private final Map<String, SealKey> checkedKeys = new HashMap<>();
    private Instant readAt;

    TokenEntries(KeyStore token, char[] pin, Duration reread, Clock clock, KeyCheck check) {
      this.token = Objects.requireNonNull(token, "token");
      this.pin = Objects.requireNonNull(pin, "pin").clone();
      this.reread = Objects.requireNonNull(reread, "reread");
      this.clock = Objects.requireNonNull(clock, "clock");
      this.check = check;
      this.readAt = clock.instant();
    }

    @Override
    public String placeOf(DepartmentId department) {
      return placeOf(department.value());
    }

    private String placeOf(String alias) {
      return "the "
          + token.getType()
          + " token of "
          + token.getProvider().getName()
          + ", alias '"
          + alias
          + "'";
    }

    @Override
    public synchronized Optional<SealKey> current(DepartmentId department) {
      rereadWhenDue();
      return entry(department, department.value());
    }

    @Override
    public synchronized Optional<SealKey> rotated(DepartmentId department, String serialNumber) {
      rereadWhenDue();
      BigInteger serial = new BigInteger(serialNumber, 16);
      String prefix = department.value() + ROTATED_MARK;
      for (String alias : aliases(department)) {
        // Operators copy serial numbers as tools print them: upper case, leading zeros.
        if (alias.regionMatches(true, 0, prefix, 0, prefix.length())
            && alias.length() > prefix.length()
            && alias.substring(prefix.length()).matches("[0-9A-Fa-f]+")
            && new BigInteger(alias.substring(prefix.length()), 16).equals(serial)) {
          return entry(department, alias);
        }
      }
      return Optional.empty();
    }

    private Optional<SealKey> entry(DepartmentId department, String alias) {
      SealKey cached = checkedKeys.get(alias);
      if (cached != null) {
        return Optional.of(cached);
      }
      String place = placeOf(alias);
      try {
        if (!token.containsAlias(alias)) {
          return Optional.empty();
        }
        if (!token.isKeyEntry(alias)) {
          throw new SealUnavailableException(
              department, place + " holds a certificate but no seal key");
        }
        SealKey key =
            check.checked(
                department, token.getKey(alias, pin), token.getCertificateChain(alias), place);
        checkedKeys.put(alias, key);
        return Optional.of(key);
      } catch (GeneralSecurityException | ProviderException e) {
        throw new SealUnavailableException(department, place + " cannot be read: " + reasonOf(e));
      }
    }

    private List<String> aliases(DepartmentId department) {
      try {
        return Collections.list(token.aliases());
      } catch (GeneralSecurityException | ProviderException e) {
        throw new SealUnavailableException(
            department,
            "the entries of the "
                + token.getType()
                + " token of "
                + token.getProvider().getName()
                + " cannot be listed: "
                + reasonOf(e));
      }
    }

    /**
     * Reads the token's entries again once {@link #reread} has passed, and forgets the keys whose
     * alias now names another certificate (a rotation) or nothing.
     */
    private void rereadWhenDue() {
      Instant now = clock.instant();
      if (now.isBefore(readAt.plus(reread))) {
        return;
      }
      readAt = now;
      try {
        if ("PKCS11".equalsIgnoreCase(token.getType())) {
          token.load(null, pin.length == 0 ? null : pin);
        }
        checkedKeys
            .entrySet()
            .removeIf(
                held -> {
                  try {
                    return !held.getValue()
                        .certificate()
                        .equals(token.getCertificate(held.getKey()));
                  } catch (GeneralSecurityException e) {
                    return true;
                  }
                });
      } catch (IOException | GeneralSecurityException | ProviderException e) {
        // Forget what was checked: the next look-up says what is wrong with the token.
        checkedKeys.clear();
      }
    }
  }

  /**
   * A department's seal key and certificate chain.
   *
   * @param department whose seal it is
   * @param key the private key; on a token a handle to it
   * @param chain the seal certificate first, then the certificates up to the CA
   */
  public record SealKey(DepartmentId department, PrivateKey key, List<X509Certificate> chain) {

    public SealKey {
      Objects.requireNonNull(department, "department");
      Objects.requireNonNull(key, "key");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("a seal needs its certificate");
      }
    }

    /** The seal certificate. */
    public X509Certificate certificate() {
      return chain.get(0);
    }

    @Override
    public String toString() {
      return "SealKey["
          + department
          + ", serial "
          + certificate().getSerialNumber().toString(16)
          + "]";
    }
  }

  /** A store as read, with what identifies that version of its file. */
  private record LoadedStore(Object fileKey, FileTime modified, long size, SealKey key) {

    boolean isFrom(BasicFileAttributes attributes) {
      return Objects.equals(fileKey, attributes.fileKey())
          && modified.equals(attributes.lastModifiedTime())
          && size == attributes.size();
    }
  }
}
