package org.proofassist.hub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberedPasswordChecksTest {

  /** BCrypt that counts its checks. */
  static final class CountedBcrypt implements PasswordEncoder {
    final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public String encode(CharSequence raw) {
      return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      checks.incrementAndGet();
      return bcrypt.matches(raw, encoded);
    }
  }

  private final CountedBcrypt bcrypt = new CountedBcrypt();
  private final RememberedPasswordChecks checks =
      new RememberedPasswordChecks(bcrypt, Duration.ofMinutes(5), 100);

  @Test
  void aPasswordThatMatchedIsTakenWithoutBcryptTheNextTimes() {
    String stored = bcrypt.encode("demo");
    assertThat(checks.matches("demo", stored)).isTrue();
    assertThat(checks.matches("demo", stored)).isTrue();
    assertThat(checks.matches("demo", stored)).isTrue();
    assertThat(bcrypt.checks.get()).isEqualTo(1);
  }

  @Test
  void aWrongPasswordIsCheckedByBcryptEveryTimeAndNeverMatches() {
    String stored = bcrypt.encode("demo");
    assertThat(checks.matches("demo", stored)).isTrue();
    assertThat(checks.matches("Demo", stored)).isFalse();
    assertThat(checks.matches("Demo", stored)).isFalse();
    assertThat(bcrypt.checks.get()).isEqualTo(3);
  }

  @Test
  void anotherUsersHashIsNotMatchedByARememberedPassword() {
    String mine = bcrypt.encode("demo");
    String theirs = bcrypt.encode("secret");
    assertThat(checks.matches("demo", mine)).isTrue();
    assertThat(checks.matches("demo", theirs)).isFalse();
  }

  @Test
  void aChangedPasswordIsCheckedAgain() {
    String before = bcrypt.encode("demo");
    assertThat(checks.matches("demo", before)).isTrue();
    String after = bcrypt.encode("new-password");
    assertThat(checks.matches("demo", after)).isFalse();
    assertThat(checks.matches("new-password", after)).isTrue();
  }

  @Test
  void nothingIsRememberedOnceTheTimeIsUp() {
    RememberedPasswordChecks forgetful = new RememberedPasswordChecks(bcrypt, Duration.ZERO, 100);
    String stored = bcrypt.encode("demo");
    assertThat(forgetful.matches("demo", stored)).isTrue();
    assertThat(forgetful.matches("demo", stored)).isTrue();
    assertThat(bcrypt.checks.get()).isEqualTo(2);
  }
}
