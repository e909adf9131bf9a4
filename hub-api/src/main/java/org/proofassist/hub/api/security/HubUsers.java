package org.proofassist.hub.api.security;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.proofassist.hub.fixtures.DemoUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The hub's user accounts, loaded from the fixtures' user list (bcrypt password hashes). */
public class HubUsers implements UserDetailsService {

  private final Map<String, HubUser> users;

  public HubUsers(Iterable<DemoUser> accounts) {
    this.users =
        java.util.stream.StreamSupport.stream(accounts.spliterator(), false)
            .map(
                u ->
                    new HubUser(
                        u.username(), u.displayName(), u.department(), u.role(), u.passwordHash()))
            .collect(Collectors.toUnmodifiableMap(HubUser::username, Function.identity()));
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    HubUser user = users.get(username);
    if (user == null) {
      throw new UsernameNotFoundException("no such user");
    }
    return user;
  }
}
