package org.proofassist.hub.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt, remembering for a few minutes the checks that succeeded. The API is stateless (HTTP Basic
 * on every call), and one BCrypt check costs tens of milliseconds of CPU by design: at hundreds of
 * calls a second the checks alone would fill the machine. A password that matched its stored hash a
 * moment ago is taken as matching again without BCrypt, until {@code remembered} has passed.
 *
 * <p>Only successes are remembered, under the stored hash and an HMAC-SHA256 of the password with a
 * key made at start and never kept anywhere: memory holds no password, nor a hash of one that could
 * be attacked offline faster than BCrypt. A changed password has a new stored hash and is checked
 * again; a failed check is never remembered, so guessing costs BCrypt every time.
 */
public final class RememberedPasswordChecks implements PasswordEncoder {

  private final PasswordEncoder bcrypt;
  private final Cache<String, Boolean> passed;
  private final SecretKeySpec key;

  public RememberedPasswordChecks(PasswordEncoder bcrypt, Duration remembered, long maximum) {
    this.bcrypt = bcrypt;
    this.passed = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(maximum).build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  @Override
  public String encode(CharSequence rawPassword) {
    return bcrypt.encode(rawPassword);
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    if (rawPassword == null || encodedPassword == null) {
      return bcrypt.matches(rawPassword, encodedPassword);
    }
    String check = encodedPassword + "|" + mac(rawPassword);
    if (passed.getIfPresent(check) != null) {
      return true;
    }
    boolean matches = bcrypt.matches(rawPassword, encodedPassword);
    if (matches) {
      passed.put(check, Boolean.TRUE);
    }
    return matches;
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return bcrypt.upgradeEncoding(encodedPassword);
  }

  private String mac(CharSequence rawPassword) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      return Base64.getEncoder()
          .encodeToString(hmac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
