package dev.vectorflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Every module's package root and every ring of the agent holds production classes, so no rule about it is checked against nothing. */
class ModuleCoverageTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vectorflow");

    @Test
    void everyModuleRootHasProductionClasses() {
        for (String root : ArchitectureRules.MODULE_ROOTS) {
            String prefix = root.substring(0, root.length() - 2);
            assertThat(PRODUCTION.stream().filter(c -> c.getPackageName().startsWith(prefix)).count())
                    .as("production classes under %s", prefix)
                    .isPositive();
        }
    }

    @Test
    void everyAgentRingHasProductionClasses() {
        for (String ring : ArchitectureRules.AGENT_RINGS) {
            boolean withSubpackages = ring.endsWith("..");
            String name = withSubpackages ? ring.substring(0, ring.length() - 2) : ring;
            assertThat(PRODUCTION.stream().filter(c -> c.getPackageName().equals(name)
                            || withSubpackages && c.getPackageName().startsWith(name + ".")).count())
                    .as("production classes in %s", ring)
                    .isPositive();
        }
    }
}
