package org.proofassist.hub.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Proof Assist Hub: one executable for the API, the projections and the embedded store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProofAssistHubApplication {

  public static void main(String[] args) {
    SpringApplication.run(ProofAssistHubApplication.class, args);
  }
}
