package org.proofassist.hub.api.seal;

import com.nimbusds.jose.jwk.Curve;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.seal.SealUnavailableException;

/**
 * The departments' seal keys, each kept in a PKCS#12 store {@code <DEPARTMENT-ID>.p12} (alias
 * {@code seal}: an ECDSA P-256 key and its chain, seal certificate first) in one directory, and the
 * trust anchors those chains lead to.
 *
 * <p>A store is read when first needed and again whenever its file changes, so a renewed seal is
 * used without a restart. Before a key is handed out the store is checked: the certificate must
 * name the department in its {@code organizationIdentifier} and chain to a trust anchor.
 */
public final class SealKeys {

  public static final String SEAL_ALIAS = "seal";
  private static final String STORE_SUFFIX = ".p12";

  private final Path sealDir;
  private final char[] password;
  private final List<X509Certificate> trustAnchors;
  private final Map<DepartmentId, LoadedStore> loaded = new ConcurrentHashMap<>();

  /**
   * @param sealDir the directory holding {@code <DEPARTMENT-ID>.p12} stores
   * @param password the stores' password
   * @param trustAnchors the CA certificates seal chains must lead to; at least one
   */
  public SealKeys(Path sealDir, char[] password, List<X509Certificate> trustAnchors) {
    this.sealDir = Objects.requireNonNull(sealDir, "sealDir");
    this.password = Objects.requireNonNull(password, "password").clone();
    this.trustAnchors = List.copyOf(trustAnchors);
    if (this.trustAnchors.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor is needed");
    }
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

  /** The CA certificates that seal chains lead to. */
  public List<X509Certificate> trustAnchors() {
    return trustAnchors;
  }

  /** Where the seal store of a department is looked for. */
  public Path storeOf(DepartmentId department) {
    return sealDir.resolve(department.value() + STORE_SUFFIX);
  }

  /**
   * The seal key of a department.
   *
   * @return empty when the department has no seal store
   * @throws SealUnavailableException when it has one that cannot be used (unreadable, wrong
   *     password, another department's seal, a chain to no trust anchor)
   */
  public Optional<SealKey> of(DepartmentId department) {
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

  /**
   * The key of a particular seal certificate of a department: the current one, or one replaced by
   * a rotation and kept in {@code archive/<DEPARTMENT-ID>-<serial>.p12}.
   *
   * @return empty when no store holds that certificate
   */
  public Optional<SealKey> of(DepartmentId department, String serialNumber) {
    Optional<SealKey> current = of(department);
    if (current.isPresent()
        && current.get().certificate().getSerialNumber().toString(16).equals(serialNumber)) {
      return current;
    }
    if (!serialNumber.matches("[0-9a-f]+")) {
      return Optional.empty();
    }
    Path archived = sealDir.resolve("archive").resolve(department.value() + "-" + serialNumber + STORE_SUFFIX);
    if (!Files.exists(archived)) {
      return Optional.empty();
    }
    SealKey key = load(department, archived);
    return key.certificate().getSerialNumber().toString(16).equals(serialNumber)
        ? Optional.of(key)
        : Optional.empty();
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
    Key key;
    Certificate[] certificates;
    try {
      key = keyStore.getKey(SEAL_ALIAS, password);
      certificates = keyStore.getCertificateChain(SEAL_ALIAS);
    } catch (GeneralSecurityException e) {
      throw new SealUnavailableException(department, "its seal key cannot be read: " + e);
    }
    if (!(key instanceof ECPrivateKey ecKey) || certificates == null) {
      throw new SealUnavailableException(
          department, "its seal store has no key entry '" + SEAL_ALIAS + "'");
    }
    if (Curve.forECParameterSpec(ecKey.getParams()) != Curve.P_256) {
      throw new SealUnavailableException(department, "its seal key is not on curve P-256");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : certificates) {
      if (!(certificate instanceof X509Certificate x509)) {
        throw new SealUnavailableException(department, "its seal chain is not X.509");
      }
      chain.add(x509);
    }
    X509Certificate leaf = chain.get(0);
    Optional<String> named = SealVerifier.departmentOf(leaf);
    if (named.isEmpty() || !named.get().equals(department.value())) {
      throw new SealUnavailableException(
          department,
          "its seal store holds the seal of "
              + named.map(id -> "department " + id).orElse("no department"));
    }
    try {
      SealVerifier.validatePath(chain, trustAnchors, leaf.getNotBefore().toInstant());
    } catch (CertPathValidatorException e) {
      throw new SealUnavailableException(
          department, "its seal chain does not lead to a trusted authority: " + e.getMessage());
    }
    return new SealKey(department, ecKey, chain);
  }

  /**
   * A department's seal key and certificate chain.
   *
   * @param department whose seal it is
   * @param key the private key
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
