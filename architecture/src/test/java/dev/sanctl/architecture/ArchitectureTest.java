package dev.sanctl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md, checked on the compiled main classes of every module (the
 * CLI's class path holds them all, plus the test kit). A rule broken here names the class and the
 * dependency that breaks it.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sanctl");
  }

  @Test
  void layersDependOnlyDownwards() {
    ArchRule layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("spi")
            .definedBy("dev.sanctl.spi..")
            .layer("ddless")
            .definedBy("dev.sanctl.ddless..")
            .layer("snaprotate")
            .definedBy("dev.sanctl.snaprotate..")
            .layer("backup engine")
            .definedBy("dev.sanctl.backup..")
            .layer("core")
            .definedBy("dev.sanctl.core..")
            .layer("simulator")
            .definedBy("dev.sanctl.sim..")
            .layer("providers")
            .definedBy("dev.sanctl.providers..")
            .layer("ssh")
            .definedBy("dev.sanctl.ssh..")
            .layer("gitops")
            .definedBy("dev.sanctl.gitops..")
            .layer("cli")
            .definedBy("dev.sanctl.cli..")
            .layer("test kit")
            .definedBy("dev.sanctl.testkit..")
            .whereLayer("cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("gitops")
            .mayOnlyBeAccessedByLayers("cli")
            .whereLayer("ssh")
            .mayOnlyBeAccessedByLayers("cli", "test kit")
            .whereLayer("providers")
            .mayOnlyBeAccessedByLayers("cli")
            .whereLayer("simulator")
            .mayOnlyBeAccessedByLayers("cli", "test kit")
            .whereLayer("core")
            .mayOnlyBeAccessedByLayers("gitops", "cli", "test kit")
            .whereLayer("backup engine")
            .mayOnlyBeAccessedByLayers("providers", "cli")
            .whereLayer("snaprotate")
            .mayOnlyBeAccessedByLayers("backup engine", "cli")
            .whereLayer("ddless")
            .mayOnlyBeAccessedByLayers("backup engine", "cli");
    layers.check(classes);
  }

  @Test
  void theSpiDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.sanctl.spi..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.sanctl.spi..", "java..", "javax..")
        .because("the SPI is the contract every provider compiles against and nothing else")
        .check(classes);
  }

  @Test
  void providersDependOnlyOnTheSpiAndTheirOwnPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.sanctl.providers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sanctl.core..",
            "dev.sanctl.sim..",
            "dev.sanctl.cli..",
            "dev.sanctl.gitops..",
            "dev.sanctl.ssh..",
            "dev.sanctl.testkit..")
        .because("a provider sees the engine and the nodes only through the SPI")
        .check(classes);
    slices()
        .matching("dev.sanctl.providers.(*)..")
        .should()
        .notDependOnEachOther()
        .because("cross-provider dependencies are expressed by resource addresses, not by imports")
        .check(classes);
  }

  @Test
  void theSimulatorNeverImportsAProvider() {
    noClasses()
        .that()
        .resideInAPackage("dev.sanctl.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sanctl.providers..", "dev.sanctl.core..", "dev.sanctl.cli..", "dev.sanctl.ssh..")
        .because("the simulator models the real tools, not sanctl's idea of them")
        .check(classes);
  }

  @Test
  void topLevelModulesHaveNoCycles() {
    slices().matching("dev.sanctl.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheLocalHostStartsProcesses() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.sanctl.core.host.LocalHost")
        .and()
        .resideOutsideOfPackage("dev.sanctl.testkit..")
        .should()
        .callConstructor(ProcessBuilder.class, String[].class)
        .orShould()
        .callConstructor(ProcessBuilder.class, java.util.List.class)
        .orShould()
        .callMethod(Runtime.class, "exec", String.class)
        .orShould()
        .callMethod(Runtime.class, "exec", String[].class)
        .because("commands are argument vectors run by one Host implementation per transport")
        .check(classes);
  }

  @Test
  void onlyTheSshHostSendsACommandLine() {
    noClasses()
        .that()
        .haveNameNotMatching("dev\\.sanctl\\.ssh\\.SshHost(\\$.*)?")
        .should()
        .callMethod(
            "net.schmizz.sshj.connection.channel.direct.Session", "exec", "java.lang.String")
        .because("the remote command line is rendered from the argv by ShellQuoting in one place")
        .check(classes);
  }
}
