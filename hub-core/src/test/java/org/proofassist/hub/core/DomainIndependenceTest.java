package org.proofassist.hub.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.proofassist.hub.core.request.VerificationRequest;

/**
 * hub-core is the domain: it may use Axon's modelling annotations but no web, persistence, Spring
 * or Axon-extension class (ddd-by-examples/library's {@code NoSpringInDomainLogicTest}).
 */
@AnalyzeClasses(
    packages = "org.proofassist.hub.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIndependenceTest {

  @ArchTest
  static final ArchRule domainDependsOnNoInfrastructure =
      domainMustNotDependOn(
          "org.springframework..",
          "com.mongodb..",
          "org.bson..",
          "jakarta.servlet..",
          "org.axonframework.spring..",
          "org.axonframework.extensions..");

  @ArchTest
  void domainClassesAreImported(JavaClasses classes) {
    assertThat(classes.contain(VerificationRequest.class)).isTrue();
  }

  @ArchTest
  void ruleNoticesADependencyTheDomainHas(JavaClasses classes) {
    assertThat(
            domainMustNotDependOn("org.axonframework.modelling..").evaluate(classes).hasViolation())
        .isTrue();
  }

  private static ArchRule domainMustNotDependOn(String... packages) {
    return noClasses()
        .that()
        .resideInAPackage("org.proofassist.hub.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages);
  }
}
