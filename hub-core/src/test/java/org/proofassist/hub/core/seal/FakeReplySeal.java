package org.proofassist.hub.core.seal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A seal for tests: stamps every reply with a stamp derived from the content alone, remembers what
 * it sealed, and refuses departments whose seal was revoked with {@link #revoke}.
 */
public final class FakeReplySeal implements ReplySeal {

  private final List<ReplyContent> sealed = new ArrayList<>();
  private final Set<DepartmentId> revoked = new HashSet<>();

  @Override
  public StampedReply seal(ReplyContent content) {
    if (revoked.contains(content.issuingDepartment())) {
      throw new SealUnavailableException(content.issuingDepartment(), "revoked in this test");
    }
    sealed.add(content);
    return new StampedReply(
        "jws." + content.requestId() + "." + content.outcome(),
        "digest." + content.requestId(),
        content.issuingDepartment(),
        "5EA1",
        "CN=" + content.issuingDepartment() + " test seal",
        content.issuedAt());
  }

  public void revoke(DepartmentId department) {
    revoked.add(department);
  }

  /** The contents sealed so far, oldest first. */
  public List<ReplyContent> sealed() {
    return List.copyOf(sealed);
  }
}
