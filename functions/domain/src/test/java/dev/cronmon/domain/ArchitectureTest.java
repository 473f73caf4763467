package dev.cronmon.domain;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cronmon.domain.monitor.MonitorConfigInput;
import dev.cronmon.domain.monitor.MonitorService;
import org.junit.jupiter.api.Test;

/**
 * Unit layer, no I/O: the shape of the domain, read from its compiled classes. It imports no AWS SDK and no HTTP
 * layer; Jackson only in codec packages; its packages form no cycle. What does not hold yet is named below, each with
 * why, so that a new violation fails the build and an old one can only be removed.
 */
class ArchitectureTest {
  private static final JavaClasses DOMAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.cronmon.domain");

  /**
   * Still read JSON themselves: a check-in's {@code monitor_config} and an API body's {@code config} reach
   * {@code MonitorService} as a Jackson tree and {@code MonitorConfigInput} walks it. They become a typed input when the
   * state core's rewrite of {@code MonitorService} lands (issue 13); until then they are the only Jackson outside codecs.
   */
  private static final Class<?>[] JACKSON_NOT_YET_AT_THE_EDGE = {MonitorConfigInput.class, MonitorService.class};

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
      .that(not(resideInAPackage("..codec..")).and(not(belongToAnyOf(JACKSON_NOT_YET_AT_THE_EDGE))))
      .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
      .because("a wire format lives in one codec; the rest of the domain sees typed values (JSON through dev.cronmon.common.Json only)")
        .check(DOMAIN);
  }

  /**
   * The package dependencies that still close cycles, each ignored by name (issue 13 removes them): a new edge that
   * closes a cycle fails. {@code store} → every concept: the one storage port names every concept's types, while each
   * concept's service uses the port (narrow ports by concept remove it). {@code incident} → {@code checkin}
   * ({@code CheckInStatus} in failures) and → {@code monitor} ({@code IncidentTracker} reads the environment),
   * {@code monitor} → {@code checkin} ({@code MonitorEnvironment} holds {@code OpenRun}s and the {@code CheckInRate};
   * {@code MonitorService} writes check-ins) and → {@code tenant} ({@code MonitorService} checks {@code Limits}),
   * {@code checkin} → {@code sweep} ({@code CheckInService} shares {@code MissedSlots}): the life of a monitor
   * environment is spread over these packages until the one transition function holds it.
   */
  private static final String[][] KNOWN_CYCLE_EDGES = {
      {"store", "alert"}, {"store", "checkin"}, {"store", "incident"}, {"store", "monitor"}, {"store", "processing"}, {"store", "tenant"},
      {"incident", "checkin"}, {"monitor", "checkin"}, {"monitor", "tenant"},
      // The state core (lifecycle) reads the models of checkin and monitor, whose services call it: the services move
      // out of the model packages next (issue 13).
      {"checkin", "lifecycle"}, {"monitor", "lifecycle"},
  };

  @Test
  void packages_formNoCycles_butTheKnownEdges() {
    var rule = slices().matching("dev.cronmon.domain.(*)..").should().beFreeOfCycles();
    for (String[] edge : KNOWN_CYCLE_EDGES) {
      rule = rule.ignoreDependency(resideInAPackage("dev.cronmon.domain." + edge[0] + ".."), resideInAPackage("dev.cronmon.domain." + edge[1] + ".."));
    }
    rule.check(DOMAIN);
  }

  @Test
  void everyKnownCycleEdge_stillExists_soThatARemovedOneIsStruckFromTheList() {
    for (String[] edge : KNOWN_CYCLE_EDGES) {
      boolean exists = DOMAIN.stream().filter(c -> c.getPackageName().startsWith("dev.cronmon.domain." + edge[0]))
          .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
          .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("dev.cronmon.domain." + edge[1]));
      assertThat(exists).as(edge[0] + " -> " + edge[1] + " is gone: remove it from KNOWN_CYCLE_EDGES").isTrue();
    }
  }
}
