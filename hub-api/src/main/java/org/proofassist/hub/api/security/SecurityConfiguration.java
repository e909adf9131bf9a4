package org.proofassist.hub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.fixtures.ReferenceData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every API call is authenticated with HTTP Basic against the hub's accounts. Auditors read
 * everything and change nothing; who may do what to a request is then decided by the domain.
 *
 * <p>The web pages (everything the API chain does not match, {@code docs/web.md}) sign in with a
 * form against the same accounts and keep a session cookie, with CSRF protection; each role's start
 * page is for that role only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  HubUsers hubUsers(Directory directory, ReferenceData.Data referenceData) {
    var users = referenceData.users();
    users.forEach(user -> directory.get(user.department()));
    return new HubUsers(users);
  }

  /** BCrypt; a success is remembered for five minutes ({@link RememberedPasswordChecks}). */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new RememberedPasswordChecks(new BCryptPasswordEncoder(), Duration.ofMinutes(5), 10_000);
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
    http.securityMatcher(
            "/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(
            basic ->
                basic.authenticationEntryPoint(
                    (request, response, e) -> {
                      response.setHeader("WWW-Authenticate", "Basic realm=\"proof-assist-hub\"");
                      writeProblem(
                          json,
                          response,
                          HttpStatus.UNAUTHORIZED,
                          "Sign-in required",
                          "Send a user name and password with HTTP Basic.",
                          request.getRequestURI());
                    }))
        .exceptionHandling(
            ex ->
                ex.accessDeniedHandler(
                    (request, response, e) ->
                        writeProblem(
                            json,
                            response,
                            HttpStatus.FORBIDDEN,
                            "Not allowed",
                            "Your role may not do this.",
                            request.getRequestURI())))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                    .permitAll()
                    .requestMatchers("/actuator/health/**", "/actuator/health")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/v1/pki/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/v1/seals/verify")
                    .authenticated()
                    .requestMatchers("/api/v1/admin/replays", "/api/v1/admin/replays/**")
                    .hasAnyRole("ADMINISTRATOR", "AUDITOR")
                    .requestMatchers("/api/v1/audit/**")
                    .hasRole("AUDITOR")
                    .requestMatchers(HttpMethod.GET, "/api/v1/admin/**")
                    .hasAnyRole("ADMINISTRATOR", "AUDITOR")
                    .requestMatchers("/api/v1/admin/**")
                    .hasRole("ADMINISTRATOR")
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .authenticated()
                    .requestMatchers("/api/**")
                    .hasAnyRole("CLERK", "OFFICER", "SUPERVISOR")
                    .anyRequest()
                    .authenticated())
        .headers(Customizer.withDefaults());
    return http.build();
  }

  /**
   * The pages: form sign-in at {@code /login}, sign-out by {@code POST /logout}, CSRF tokens in
   * every form and in htmx's requests. An htmx request without a session is answered 401 with
   * {@code HX-Redirect: /login}, so that the whole page goes to the sign-in form instead of the
   * form landing inside a list.
   */
  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http) throws Exception {
    RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request");
    HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    // Only a page the user asked for is worth returning to after signing in: not a list's
    // refresh, an icon or a script.
    MediaTypeRequestMatcher page = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    page.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    requestCache.setRequestMatcher(
        new AndRequestMatcher(
            request -> HttpMethod.GET.matches(request.getMethod()),
            new NegatedRequestMatcher(htmx),
            page));
    SavedRequestAwareAuthenticationSuccessHandler signedIn =
        new SavedRequestAwareAuthenticationSuccessHandler();
    signedIn.setDefaultTargetUrl("/");
    signedIn.setRequestCache(requestCache);
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/login",
                        "/denied",
                        "/error",
                        "/webjars/**",
                        "/css/**",
                        "/js/**",
                        "/favicon.ico",
                        "/favicon.svg")
                    .permitAll()
                    .requestMatchers("/window", "/window/**")
                    .hasRole("CLERK")
                    .requestMatchers("/station", "/station/**")
                    .hasAnyRole("OFFICER", "SUPERVISOR")
                    .requestMatchers("/audit", "/audit/**")
                    .hasRole("AUDITOR")
                    .requestMatchers(HttpMethod.POST, "/requests/**")
                    .hasAnyRole("CLERK", "OFFICER", "SUPERVISOR")
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/login")
                    .failureUrl("/login?error")
                    .successHandler(signedIn)
                    .permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
        .requestCache(cache -> cache.requestCache(requestCache))
        .exceptionHandling(
            ex ->
                ex.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> {
                          response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                          response.setStatus(HttpStatus.UNAUTHORIZED.value());
                        },
                        htmx)
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                    .accessDeniedPage("/denied"))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self';"
                                    + " img-src 'self' data:; object-src 'none'; base-uri 'self';"
                                    + " form-action 'self'; frame-ancestors 'none'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  private static void writeProblem(
      ObjectMapper json,
      HttpServletResponse response,
      HttpStatus status,
      String title,
      String detail,
      String instance)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(instance));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
