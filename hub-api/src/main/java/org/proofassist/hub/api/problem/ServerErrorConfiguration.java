package org.proofassist.hub.api.problem;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Problems for what the server refuses before the application sees it. */
@Configuration(proxyBeanMethods = false)
public class ServerErrorConfiguration {

  /**
   * Runs after Spring Boot's own Tomcat customizer (this one has the lowest precedence), so its
   * error report valve is there to be replaced.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
    return factory ->
        factory.addContextCustomizers(
            context -> ProblemReportValve.installOn((StandardHost) context.getParent()));
  }
}
