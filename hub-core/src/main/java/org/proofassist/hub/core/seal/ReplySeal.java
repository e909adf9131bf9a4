package org.proofassist.hub.core.seal;

/** Applies a department's seal to a reply. Implemented outside the domain with real keys. */
public interface ReplySeal {

  /**
   * Seals the content with the key of {@code content.issuingDepartment()}.
   *
   * @throws SealUnavailableException when that department has no usable seal
   */
  StampedReply seal(ReplyContent content);
}
