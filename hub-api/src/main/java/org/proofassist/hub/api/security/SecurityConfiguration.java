package org.proofassist.hub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.fixtures.ReferenceData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

/**
 * Every API call is authenticated with HTTP Basic against the hub's accounts. Auditors read
 * everything and change nothing; who may do what to a request is then decided by the domain.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  HubUsers hubUsers(Directory directory, ReferenceData.Data referenceData) {
    var users = referenceData.users();
    users.forEach(user -> directory.get(user.department()));
    return new HubUsers(users);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
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
