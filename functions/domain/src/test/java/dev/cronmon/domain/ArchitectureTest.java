package dev.cronmon.domain;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Unit layer, no I/O: the shape of the domain, read from its compiled classes. It imports no AWS SDK and no HTTP
 * layer; Jackson only in codec packages; its packages form no cycle. The layers, each depending only on those
 * before it (docs/architecture.md draws them):
 * <ol>
 *   <li>{@code schedule}, {@code error}, {@code auth}: leaves;</li>
 *   <li>{@code config}: {@code MonitorConfig}, the validated config (a check-in keeps a snapshot of it);</li>
 *   <li>{@code checkin}: check-ins, open runs, the rate count; {@code incident}: failures and incidents (names a
 *       {@code CheckInStatus}), its event codec in {@code incident.codec};</li>
 *   <li>{@code monitor}: monitors and their environments (which hold open runs and incidents), the typed config input
 *       and its validation (the JSON of a config is read in {@code monitor.codec}, called by the HTTP layer);
 *       {@code tenant} and {@code alert}: their models and rules; {@code processing}: dropped check-ins (processing
 *       errors) and the counter of their lists; {@code maintenance}: maintenance windows (their body read in
 *       {@code maintenance.codec});</li>
 *   <li>{@code lifecycle}: the state core, pure rules over the models; {@code store}: the storage ports, naming the
 *       models;</li>
 *   <li>{@code service}: everything that reads or writes through the ports (check-in intake, monitors, the sweep, alerts,
 *       administration) and {@code EnvironmentWriter}, which stores what the state core decides.</li>
 * </ol>
 */
class ArchitectureTest {
  private static final JavaClasses DOMAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.cronmon.domain");

  @Test
  void domain_importsNoAwsSdk() {
    noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("software.amazon..", "com.amazonaws..")
      .because("the domain is ported by infrastructure/ modules; it runs the same in Lambda, the local stack and tests")
        .check(DOMAIN);
  }

  @Test
  void domain_importsNoHttpLayer() {
    noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("dev.cronmon.api..", "com.sun.net.httpserver..", "java.net.http..")
      .because("requests are parsed at the edge (functions/http) into typed domain inputs; the domain answers with values and exceptions")
        .check(DOMAIN);
  }

  @Test
  void jackson_onlyInCodecPackages() {
    noClasses()
      .that(not(resideInAPackage("..codec..")))
      .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
      .because("a wire format lives in one codec; the rest of the domain sees typed values (JSON through dev.cronmon.common.Json only)")
        .check(DOMAIN);
  }

  @Test
  void packages_formNoCycles() {
    slices().matching("dev.cronmon.domain.(*)..").should().beFreeOfCycles()
        .because("each layer depends only on the layers below it (see the class comment and docs/architecture.md)")
        .check(DOMAIN);
  }

  @Test
  void lifecycle_readsAndWritesNothing() {
    noClasses().that().resideInAPackage("dev.cronmon.domain.lifecycle..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.cronmon.domain.store..", "dev.cronmon.domain.service..")
        .because("the state core is a pure function of (state, event, clock); service.EnvironmentWriter stores its result")
        .check(DOMAIN);
  }
}
