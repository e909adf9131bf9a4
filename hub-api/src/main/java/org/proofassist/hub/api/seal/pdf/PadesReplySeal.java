package org.proofassist.hub.api.seal.pdf;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.ImageScaling;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;

/**
 * Seals a rendered reply letter the way a PDF reader can check: a PAdES-BASELINE-T signature by the
 * department's seal key, time-stamped by the hub's time-stamping authority, shown on the page as
 * the department's round red seal where {@link ReplyDocument} left room for it.
 *
 * <p>The signature claims the time the reply was sealed ({@link StampedReply#sealedAt()}); the
 * time-stamp proves it existed no later than when it was made. Thread-safe: each call builds its
 * own DSS service and parameters; the time-stamp source must be thread-safe too (DSS's {@code
 * KeyEntityTSPSource} and {@code OnlineTSPSource} are).
 */
public final class PadesReplySeal {

  /** The reason written into the signature dictionary. */
  public static final String REASON = "出具协查核查回复";

  private final TSPSource timestamps;
  private final SealImpression impression;
  private final Map<String, byte[]> impressions = new ConcurrentHashMap<>();

  /**
   * @param timestamps where signature time-stamps come from: the hub's own time-stamping authority
   */
  public PadesReplySeal(TSPSource timestamps) {
    this(timestamps, new SealImpression());
  }

  /**
   * @param timestamps where signature time-stamps come from
   * @param impression how the seal looks on the page
   */
  public PadesReplySeal(TSPSource timestamps, SealImpression impression) {
    this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    this.impression = Objects.requireNonNull(impression, "impression");
  }

  /**
   * Signs a rendered reply with a department's seal.
   *
   * @param rendered the unsigned letter and where its seal goes
   * @param key the issuing department's seal key and chain
   * @param departmentName the department's official name, drawn on the seal
   * @param stamp the reply's seal record; its {@code sealedAt} becomes the signing time
   * @return the signed PDF
   * @throws SealUnavailableException when the key cannot sign or no time-stamp can be had
   */
  public byte[] seal(
      ReplyDocument.Rendered rendered, SealKey key, String departmentName, StampedReply stamp) {
    Objects.requireNonNull(rendered, "rendered");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(stamp, "stamp");
    if (departmentName == null || departmentName.isBlank()) {
      throw new IllegalArgumentException("the issuing department's name is required");
    }
    String name = departmentName.strip();
    DSSDocument unsigned = new InMemoryDocument(rendered.pdf(), "reply.pdf", MimeTypeEnum.PDF);
    PAdESSignatureParameters parameters = parameters(rendered.placement(), key, name, stamp);
    PAdESService service = new PAdESService(new CommonCertificateVerifier());
    service.setTspSource(timestamps);
    try {
      ToBeSigned toBeSigned = service.getDataToSign(unsigned, parameters);
      SignatureValue value = sign(toBeSigned, parameters.getSignatureAlgorithm(), key);
      DSSDocument signed = service.signDocument(unsigned, parameters, value);
      ByteArrayOutputStream out = new ByteArrayOutputStream(rendered.pdf().length + 32 * 1024);
      signed.writeTo(out);
      return out.toByteArray();
    } catch (DSSException e) {
      throw new SealUnavailableException(
          key.department(), "the reply letter cannot be sealed: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sealed reply letter", e);
    }
  }

  private PAdESSignatureParameters parameters(
      ReplyDocument.SealPlacement placement, SealKey key, String name, StampedReply stamp) {
    PAdESSignatureParameters parameters = new PAdESSignatureParameters();
    parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_T);
    parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
    parameters.setSigningCertificate(new CertificateToken(key.certificate()));
    parameters.setCertificateChain(
        key.chain().stream().map(CertificateToken::new).toArray(CertificateToken[]::new));
    parameters.bLevel().setSigningDate(Date.from(stamp.sealedAt()));
    parameters.setReason(REASON);
    parameters.setLocation(name);
    parameters.setSignerName(name);
    parameters.setContactInfo(key.department().value());
    parameters.setAppName("Proof Assist Hub");

    SignatureFieldParameters field = new SignatureFieldParameters();
    field.setPage(placement.pageIndex() + 1);
    field.setOriginX(placement.left());
    field.setOriginY(placement.top());
    field.setWidth(placement.width());
    field.setHeight(placement.height());

    SignatureImageParameters image = new SignatureImageParameters();
    image.setImage(
        new InMemoryDocument(
            impressions.computeIfAbsent(name, impression::png), "seal.png", MimeTypeEnum.PNG));
    image.setImageScaling(ImageScaling.ZOOM_AND_CENTER);
    image.setFieldParameters(field);
    parameters.setImageParameters(image);
    return parameters;
  }

  private static SignatureValue sign(
      ToBeSigned toBeSigned, SignatureAlgorithm algorithm, SealKey key) {
    try {
      Signature signature = Signature.getInstance(algorithm.getJCEId());
      signature.initSign(key.key());
      signature.update(toBeSigned.getBytes());
      return new SignatureValue(algorithm, signature.sign());
    } catch (GeneralSecurityException e) {
      throw new SealUnavailableException(
          key.department(), "its seal key cannot sign: " + e.getMessage());
    }
  }
}
