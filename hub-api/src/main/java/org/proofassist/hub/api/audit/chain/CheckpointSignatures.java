package org.proofassist.hub.api.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Signs checkpoints with the hub's audit key and checks them against a trust anchor: ES256 compact
 * JWS (Nimbus JOSE), {@code typ} {@value Checkpoint#TYPE}, the certificate chain in {@code x5c}. A
 * checkpoint is genuine when its signature verifies with the first certificate of {@code x5c}, that
 * certificate was issued by a trust anchor, was valid when the checkpoint was signed, and is an
 * audit certificate (extended key usage {@value #AUDIT_SIGNING}): a department's seal, issued by
 * the same CA, cannot sign a checkpoint.
 *
 * <p>Used by the hub and by the offline verifier alike.
 */
public final class CheckpointSignatures {

  /**
   * The extended key usage of the hub's audit certificate (a placeholder under the private arc of
   * the development CA, like the TSA's policy).
   */
  public static final String AUDIT_SIGNING = "1.3.6.1.4.1.61234.2.1";

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final JOSEObjectType TYPE = new JOSEObjectType(Checkpoint.TYPE);

  private CheckpointSignatures() {}

  /**
   * The outcome of checking one checkpoint.
   *
   * @param checkpoint what the signed payload says; {@code null} when it could not be read
   * @param signer the certificate that signed it, if it could be read
   * @param problem why it is not genuine, or {@code null} when it is
   */
  public record Checked(Checkpoint checkpoint, X509Certificate signer, String problem) {

    public boolean genuine() {
      return problem == null;
    }
  }

  /** Signs a checkpoint of the chain's head. */
  static Checkpoint sign(
      long chainSize,
      String head,
      long position,
      Instant signedAt,
      PrivateKey key,
      List<X509Certificate> chain) {
    byte[] payload = Checkpoint.payload(chainSize, head, position, signedAt);
    try {
      List<Base64> x5c = new ArrayList<>();
      for (X509Certificate certificate : chain) {
        x5c.add(Base64.encode(certificate.getEncoded()));
      }
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.ES256)
              .type(TYPE)
              .keyID(chain.get(0).getSerialNumber().toString(16))
              .x509CertChain(x5c)
              .build();
      JWSObject jws = new JWSObject(header, new Payload(payload));
      jws.sign(new ECDSASigner((ECPrivateKey) key));
      return new Checkpoint(chainSize, head, position, signedAt, jws.serialize());
    } catch (CertificateEncodingException | JOSEException | ClassCastException e) {
      throw new IllegalStateException("cannot sign an audit checkpoint", e);
    }
  }

  /** Checks a checkpoint's signature and certificate against the trust anchors. */
  public static Checked check(String jws, List<X509Certificate> anchors) {
    JWSObject object;
    try {
      object = JWSObject.parse(jws == null ? "" : jws.strip());
    } catch (ParseException e) {
      return new Checked(null, null, "the checkpoint is not a compact JWS: " + e.getMessage());
    }
    Optional<Checkpoint> checkpoint = payloadOf(object, jws.strip());
    if (checkpoint.isEmpty()) {
      return new Checked(null, null, "the checkpoint's payload is not a checkpoint");
    }
    JWSHeader header = object.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return new Checked(checkpoint.get(), null, "a checkpoint is signed with ES256");
    }
    if (!TYPE.equals(header.getType())) {
      return new Checked(checkpoint.get(), null, "the JWS is not of type " + Checkpoint.TYPE);
    }
    List<Base64> x5c = header.getX509CertChain();
    if (x5c == null || x5c.isEmpty()) {
      return new Checked(checkpoint.get(), null, "the checkpoint carries no certificate (x5c)");
    }
    X509Certificate signer = X509CertUtils.parse(x5c.get(0).decode());
    if (signer == null) {
      return new Checked(checkpoint.get(), null, "the checkpoint's certificate cannot be read");
    }
    String problem = certificateProblem(signer, anchors, checkpoint.get().signedAt());
    if (problem != null) {
      return new Checked(checkpoint.get(), signer, problem);
    }
    try {
      if (!(signer.getPublicKey() instanceof ECPublicKey key)
          || !object.verify(new ECDSAVerifier(key))) {
        return new Checked(checkpoint.get(), signer, "the checkpoint's signature does not verify");
      }
    } catch (JOSEException e) {
      return new Checked(
          checkpoint.get(), signer, "the checkpoint's signature cannot be checked: " + e);
    }
    return new Checked(checkpoint.get(), signer, null);
  }

  /** What a checkpoint's payload says, without checking its signature. */
  static Optional<Checkpoint> readUnchecked(String jws) {
    try {
      return payloadOf(JWSObject.parse(jws), jws);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Checkpoint> payloadOf(JWSObject object, String jws) {
    try {
      JsonNode payload = JSON.readTree(object.getPayload().toBytes());
      if (payload == null || !payload.isObject() || payload.size() != 4) {
        return Optional.empty();
      }
      JsonNode size = payload.path("chainSize");
      JsonNode position = payload.path("position");
      if (!size.canConvertToExactIntegral() || !position.canConvertToExactIntegral()) {
        return Optional.empty();
      }
      Checkpoint checkpoint =
          new Checkpoint(
              size.longValue(),
              payload.path("head").asText(),
              position.longValue(),
              Instant.parse(payload.path("signedAt").asText()),
              jws);
      // Only the canonical payload is accepted: the same facts must give the same bytes.
      return Arrays.equals(checkpoint.payload(), object.getPayload().toBytes())
          ? Optional.of(checkpoint)
          : Optional.empty();
    } catch (IOException | DateTimeException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String certificateProblem(
      X509Certificate signer, List<X509Certificate> anchors, Instant signedAt) {
    try {
      List<String> usages = signer.getExtendedKeyUsage();
      if (usages == null || !usages.contains(AUDIT_SIGNING)) {
        return "the checkpoint was signed by "
            + signer.getSubjectX500Principal().getName()
            + ", which is not an audit certificate";
      }
    } catch (CertificateException e) {
      return "the checkpoint's certificate has an unreadable extended key usage";
    }
    boolean issued = false;
    for (X509Certificate anchor : anchors) {
      if (anchor.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
        try {
          signer.verify(anchor.getPublicKey());
          issued = true;
          break;
        } catch (GeneralSecurityException e) {
          // Same name, another key: try the next anchor.
        }
      }
    }
    if (!issued) {
      return "the checkpoint's certificate ("
          + signer.getSubjectX500Principal().getName()
          + ") was not issued by the trust anchor";
    }
    try {
      signer.checkValidity(Date.from(signedAt));
    } catch (CertificateException e) {
      return "the checkpoint's certificate was not valid when it was signed (" + signedAt + ")";
    }
    return null;
  }
}
