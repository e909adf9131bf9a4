package org.proofassist.hub.api;

import java.util.Arrays;
import org.proofassist.hub.api.audit.chain.AuditBundleCheckCommand;
import org.proofassist.hub.api.seal.SealCheckCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Proof Assist Hub: one executable for the API, the projections and the embedded store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProofAssistHubApplication {

  static {
    // A government hub does not phone home: Axon's update checker stays off unless asked for.
    if (System.getProperty("axoniq.update-checker.disabled") == null
        && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
      System.setProperty("axoniq.update-checker.disabled", "true");
    }
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(SealCheckCommand.NAME)) {
      // An auditor's offline check: no Spring, no store, just the verdict and an exit status.
      System.exit(SealCheckCommand.runOnConsole(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals(AuditBundleCheckCommand.NAME)) {
      // An auditor's offline check of a request's audit bundle: no Spring, no store.
      System.exit(AuditBundleCheckCommand.runOnConsole(Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(ProofAssistHubApplication.class, args);
  }
}
