package org.proofassist.hub.core.catalogue;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The proof types the hub knows (证明事项目录). Immutable. */
public final class ProofCatalogue {

  private final Map<ProofTypeCode, ProofType> types;

  public ProofCatalogue(Collection<ProofType> proofTypes) {
    Map<ProofTypeCode, ProofType> byCode = new LinkedHashMap<>();
    for (ProofType type : proofTypes) {
      if (byCode.put(type.code(), type) != null) {
        throw new IllegalArgumentException("proof type " + type.code() + " is listed twice");
      }
    }
    this.types = Collections.unmodifiableMap(byCode);
  }

  public Optional<ProofType> find(ProofTypeCode code) {
    return Optional.ofNullable(types.get(code));
  }

  public Collection<ProofType> all() {
    return types.values();
  }
}
