package org.proofassist.hub.api.seal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What anyone needs to check a seal without asking the hub: the trust anchor and the certificate
 * revocation list, published without sign-in at the address every seal certificate names.
 */
@RestController
@RequestMapping("/api/v1/pki")
@Tag(name = "PKI", description = "The hub CA's trust anchor and certificate revocation list")
public class PkiController {

  static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
  static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

  private final DevelopmentSealAuthority authority;

  public PkiController(DevelopmentSealAuthority authority) {
    this.authority = authority;
  }

  @GetMapping("/crl")
  @Operation(summary = "The CA's current certificate revocation list (DER)")
  public ResponseEntity<byte[]> crl() {
    X509CRL crl = authority.crl();
    Instant nextUpdate = crl.getNextUpdate().toInstant();
    try {
      return ResponseEntity.ok()
          .contentType(PKIX_CRL)
          .lastModified(crl.getThisUpdate().toInstant())
          .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
          .header("X-Next-Update", nextUpdate.toString())
          .body(crl.getEncoded());
    } catch (CRLException e) {
      throw new IllegalStateException("the CRL cannot be encoded", e);
    }
  }

  @GetMapping("/trust-anchor")
  @Operation(summary = "The CA certificate every seal chains to (PEM)")
  public ResponseEntity<byte[]> trustAnchor() {
    try {
      return ResponseEntity.ok()
          .contentType(PEM)
          .body(Files.readAllBytes(authority.trustAnchorFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + authority.trustAnchorFile(), e);
    }
  }
}
