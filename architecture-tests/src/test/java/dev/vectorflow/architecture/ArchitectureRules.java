package dev.vectorflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The hard rules of docs/architecture.md ("Modules and rings") as named ArchUnit rules. Each module owns one
 * package root; a rule names the roots it constrains. No rule may be vacuous (archunit.properties keeps
 * failOnEmptyShould on) and {@link RulesBiteTest} proves each one fails on a planted violation.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static final String CORE = "dev.vectorflow.core..";
    public static final String PORTS = "dev.vectorflow.ports..";
    public static final String ADAPTER_POSTGRES = "dev.vectorflow.adapter.postgres..";
    public static final String ADAPTER_HTTP = "dev.vectorflow.adapter.http..";
    public static final String ADAPTER_VECTOR = "dev.vectorflow.adapter.vector..";
    public static final String ADAPTER_CRYPTO = "dev.vectorflow.adapter.crypto..";
    /** Where backup files are kept: a local directory or S3-compatible storage. */
    public static final String ADAPTER_STORAGE = "dev.vectorflow.adapter.storage..";
    /** The OpenID Connect relying party (Nimbus oauth2-oidc-sdk). */
    public static final String ADAPTER_OIDC = "dev.vectorflow.adapter.oidc..";
    /** Alert delivery: webhooks, Slack, Teams, PagerDuty (OkHttp) and e-mail (Angus Mail) behind the address guard. */
    public static final String ADAPTER_NOTIFY = "dev.vectorflow.adapter.notify..";
    public static final String APP_SERVER = "dev.vectorflow.app..";
    public static final String AGENT = "dev.vectorflow.agent..";
    public static final String BENCH = "dev.vectorflow.bench..";
    public static final String BENCH_LOAD = "dev.vectorflow.bench.load..";
    /** Measures the shipped agent jar as the launcher runs it. */
    public static final String BENCH_FOOTPRINT = "dev.vectorflow.bench.footprint..";
    /**
     * Scale benchmarks: they run the whole server in their JVM on a database they fill with SQL (100,000 nodes in seconds,
     * which no HTTP client could enroll that fast) and measure it over HTTP. The one place besides adapter-postgres that
     * may use JDBC, and besides the composition root that may use app-server (its {@code BenchServer} entry point).
     */
    public static final String BENCH_SCALE = "dev.vectorflow.bench.scale..";
    /**
     * The fault harness (docs/faults.md): it runs an embedded PostgreSQL in its JVM (to stop and start it under the
     * servers) and reads the database with JDBC to check what a fault left behind, so it is the third place that may use
     * JDBC and adapter-postgres. The servers and agents it breaks are real processes: it never links app-server or the
     * agent (rule {@link #the_fault_harness_breaks_real_processes_from_outside}).
     */
    public static final String BENCH_CHAOS = "dev.vectorflow.bench.chaos..";
    /** {@code vectorflow ctl}: the client command line; a client of the HTTP API built on the embeddable library. */
    public static final String CLI = "dev.vectorflow.cli..";
    /** The Vector stand-in: a test fixture module, never shipped. */
    public static final String STANDIN = "dev.vectorflow.standin..";
    public static final String[] MODULE_ROOTS = {CORE, PORTS, ADAPTER_POSTGRES, ADAPTER_HTTP, ADAPTER_VECTOR, ADAPTER_CRYPTO, ADAPTER_STORAGE, ADAPTER_OIDC,
            ADAPTER_NOTIFY, APP_SERVER, AGENT, BENCH, STANDIN, CLI};

    /** The agent's own hexagon: its core (the pipelines on the node, the conversation with the server) and its driven ports. */
    public static final String AGENT_PIPELINES = "dev.vectorflow.agent.pipeline..";
    public static final String AGENT_CONTROL = "dev.vectorflow.agent.control..";
    public static final String AGENT_PORTS = "dev.vectorflow.agent.port..";
    /** The agent's composition root: the only agent package that may name adapter-vector's classes. */
    public static final String AGENT_COMPOSITION_ROOT = "dev.vectorflow.agent";
    /** The agent's adapters of its own driven ports, and the secret channel Vector calls. */
    public static final String[] AGENT_ADAPTERS = {"dev.vectorflow.agent.controlplane..", "dev.vectorflow.agent.host..",
            "dev.vectorflow.agent.token..", "dev.vectorflow.agent.update..", "dev.vectorflow.agent.secrets.."};
    /** Every package the agent may have: core, ports, adapters, composition root. */
    public static final String[] AGENT_RINGS = Stream.concat(Stream.of(AGENT_PIPELINES, AGENT_CONTROL, AGENT_PORTS, AGENT_COMPOSITION_ROOT),
            Stream.of(AGENT_ADAPTERS)).toArray(String[]::new);

    public static final ArchRule every_class_belongs_to_a_known_module = classes()
            .that().resideInAPackage("dev.vectorflow..")
            .should().resideInAnyPackage(MODULE_ROOTS)
            .because("a new module or package root must be added to ArchitectureRules so the rules cover it");

    public static final ArchRule core_domain_depends_on_the_jdk_only = classes()
            .that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, "java..")
            .andShould().onlyDependOnClassesThat().resideOutsideOfPackages("java.sql..", "javax..", "java.net.http..")
            .because("core-domain is the pure model: JDK only, no libraries at all");

    public static final ArchRule ports_depend_on_core_domain_and_the_jdk_only = classes()
            .that().resideInAPackage(PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PORTS, CORE, "java..")
            .andShould().onlyDependOnClassesThat().resideOutsideOfPackages("java.sql..", "javax..", "java.net.http..");

    public static final ArchRule persistence_libraries_only_in_adapter_postgres = noClasses()
            .that().resideOutsideOfPackages(ADAPTER_POSTGRES, BENCH_SCALE, BENCH_CHAOS)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jooq..", "com.zaxxer.hikari..", "liquibase..", "org.postgresql..", "io.zonky..", "java.sql..", "javax.sql..")
            .because("jOOQ, HikariCP, Liquibase and JDBC stay inside adapter-postgres");

    public static final ArchRule one_sql_dialect_postgresql = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.h2..", "org.hsqldb..", "org.sqlite..", "com.mysql..", "org.mariadb..", "org.apache.derby..",
                    "oracle.jdbc..", "com.microsoft.sqlserver..")
            .orShould(useAJooqDialectOtherThanPostgres())
            .because("PostgreSQL (embedded or external) is the only database at run time");

    public static final ArchRule javalin_only_in_adapter_http_and_app_server = noClasses()
            .that().resideOutsideOfPackages(ADAPTER_HTTP, APP_SERVER)
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..");

    public static final ArchRule bouncycastle_only_in_adapter_crypto = noClasses()
            .that().resideOutsideOfPackage(ADAPTER_CRYPTO)
            .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..");

    public static final ArchRule object_storage_clients_only_in_adapter_storage = noClasses()
            .that().resideOutsideOfPackage(ADAPTER_STORAGE)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "io.minio..", "org.gaul..")
            .because("backups reach S3-compatible storage through the BackupStorage port; the AWS SDK stays inside adapter-storage");

    public static final ArchRule openid_connect_library_only_in_adapter_oidc = noClasses()
            .that().resideOutsideOfPackage(ADAPTER_OIDC)
            .should().dependOnClassesThat().resideInAnyPackage("com.nimbusds..")
            .because("tokens are parsed and checked by Nimbus behind the OpenIdConnect port only; nothing else reads a JWT");

    public static final ArchRule outbound_notification_clients_only_in_adapter_notify = noClasses()
            .that().resideOutsideOfPackage(ADAPTER_NOTIFY)
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..", "jakarta.mail..", "org.eclipse.angus.mail..")
            .because("every request to a user-given address must pass the address guard, which lives in adapter-notify;"
                    + " a second HTTP or SMTP client elsewhere would be a way around it");

    public static final ArchRule qr_codes_only_in_adapter_http = noClasses()
            .that().resideOutsideOfPackage(ADAPTER_HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("io.nayuki.qrcodegen..")
            .because("a QR code is a way of showing an enrolment's address to a person: the HTTP adapter's business");

    public static final ArchRule jackson_never_in_core_domain_or_ports = noClasses()
            .that().resideInAnyPackage(CORE, PORTS)
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "tools.jackson..");

    public static final ArchRule no_adapter_depends_on_another_adapter = slices()
            .matching("dev.vectorflow.adapter.(*)..")
            .should().notDependOnEachOther();

    public static final ArchRule nothing_but_the_composition_root_depends_on_app_server = noClasses()
            .that().resideOutsideOfPackages(APP_SERVER, BENCH_SCALE)
            .should().dependOnClassesThat().resideInAPackage(APP_SERVER);

    public static final ArchRule agent_runtime_never_depends_on_server_modules = noClasses()
            .that().resideInAPackage(AGENT)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_POSTGRES, ADAPTER_HTTP, APP_SERVER);

    public static final ArchRule every_agent_class_belongs_to_a_known_ring = classes()
            .that().resideInAPackage(AGENT)
            .should().resideInAnyPackage(AGENT_RINGS)
            .because("a new agent package must be added to ArchitectureRules (core or adapter) so the agent's rules cover it");

    public static final ArchRule the_agent_core_depends_only_on_ports = classes()
            .that().resideInAnyPackage(AGENT_PIPELINES, AGENT_CONTROL, AGENT_PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(AGENT_PIPELINES, AGENT_CONTROL, AGENT_PORTS, PORTS, CORE, "java..")
            .andShould().onlyDependOnClassesThat().resideOutsideOfPackages("java.net.http..", "java.sql..")
            .because("the agent's core reaches Vector through ports.out.vector.runtime and the server through agent.port.ControlPlane;"
                    + " the Vector ports live in `ports` because adapter-vector implements them and must not depend on agent-runtime");

    public static final ArchRule only_the_agents_composition_root_wires_adapter_vector = noClasses()
            .that().resideInAPackage(AGENT).and().resideOutsideOfPackage(AGENT_COMPOSITION_ROOT)
            .should().dependOnClassesThat().resideInAPackage(ADAPTER_VECTOR)
            .because("AgentMain builds the Vector adapters by hand; everything else sees them through the ports");

    /** adapter-vector's part that runs inside the agent (processes, telemetry, config rules). */
    public static final String ADAPTER_VECTOR_RUNTIME = "dev.vectorflow.adapter.vector.process..";

    public static final ArchRule the_agent_runs_without_data_binding_or_java_net_http = noClasses()
            .that().resideInAnyPackage(AGENT, ADAPTER_VECTOR_RUNTIME)
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "java.net.http..")
            .because("an idle agent must stay small (docs/architecture.md, Footprint; bench/agent-footprint): a general JSON"
                    + " mapper and java.net.http keep about 1,000 classes and a dozen threads resident; jackson-core streaming and"
                    + " HttpURLConnection do the agent's few calls");

    public static final ArchRule the_vector_standin_is_used_by_nothing_shipped = noClasses()
            .that().resideOutsideOfPackage(STANDIN)
            .should().dependOnClassesThat().resideInAPackage(STANDIN)
            .because("the stand-in is a test fixture: only tests may point VF_VECTOR_BIN at it");

    public static final ArchRule the_vector_standin_stands_alone = classes()
            .that().resideInAPackage(STANDIN)
            .should().onlyDependOnClassesThat().resideOutsideOfPackages(CORE, PORTS, ADAPTER_VECTOR, AGENT, APP_SERVER)
            .because("it imitates Vector from the outside; sharing VectorFlow code would let a bug hide on both sides");

    public static final ArchRule benchmarks_use_only_the_embeddable_library = classes()
            .that().resideInAPackage(BENCH).and().resideOutsideOfPackages(BENCH_LOAD, BENCH_FOOTPRINT, BENCH_SCALE, BENCH_CHAOS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(BENCH, CORE, PORTS, ADAPTER_VECTOR, "java..")
            .because("the library (core-domain, ports, adapter-vector) must work without the server; benchmarks measure it alone");

    public static final ArchRule the_command_line_uses_only_the_library_and_the_http_api = classes()
            .that().resideInAPackage(CLI)
            .should().onlyDependOnClassesThat().resideInAnyPackage(CLI, CORE, PORTS, ADAPTER_VECTOR, "java..", "picocli..",
                    "com.fasterxml.jackson..")
            .because("vectorflow ctl is a client: it reads files with the embeddable library and speaks to a server only over its HTTP API;"
                    + " the server's adapters (HTTP, PostgreSQL, ...) and composition root are not in its jar");

    public static final ArchRule nothing_depends_on_the_command_line = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("the command line is the outermost ring of the client side: a program, not a library");

    public static final ArchRule load_generators_talk_to_the_server_only_over_http = noClasses()
            .that().resideInAPackage(BENCH_LOAD)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_POSTGRES, ADAPTER_HTTP, APP_SERVER, CORE, "dev.vectorflow.ports.service..")
            .because("a load generator is a client: it must measure the server from outside, like agents do");

    public static final ArchRule the_fault_harness_breaks_real_processes_from_outside = noClasses()
            .that().resideInAPackage(BENCH_CHAOS)
            .should().dependOnClassesThat().resideInAnyPackage(APP_SERVER, AGENT, ADAPTER_HTTP, CORE, "dev.vectorflow.ports..")
            .because("a kill -9 must hit a real server or agent process; server or agent code linked into the harness's JVM"
                    + " would be broken along with the harness, not beside it");

    public static final ArchRule footprint_measurements_run_the_shipped_agent_from_outside = noClasses()
            .that().resideInAPackage(BENCH_FOOTPRINT)
            .should().dependOnClassesThat().resideInAnyPackage(AGENT, ADAPTER_POSTGRES, ADAPTER_HTTP, APP_SERVER,
                    "dev.vectorflow.ports.service..")
            .because("the footprint is that of the shipped jar started by the real launcher and spoken to over protocol v1;"
                    + " agent or server code linked into the measuring JVM would measure something else");

    /** The agent protocol's wire records: spoken at the edges (adapter-http, agent-runtime, adapter-vector), never inside the server. */
    public static final String PROTOCOL = "dev.vectorflow.ports.protocol..";
    public static final String PORTS_IN = "dev.vectorflow.ports.in..";
    public static final String PORTS_OUT = "dev.vectorflow.ports.out..";
    public static final String PORTS_SERVICE = "dev.vectorflow.ports.service..";
    /** The Vector runtime ports the agent drives; they carry the protocol's telemetry records up to it. */
    public static final String PORTS_OUT_VECTOR_RUNTIME = "dev.vectorflow.ports.out.vector.runtime..";

    public static final ArchRule driven_ports_never_use_use_cases = noClasses()
            .that().resideInAPackage(PORTS_OUT)
            .should().dependOnClassesThat().resideInAPackage(PORTS_IN)
            .because("a driven port speaks in its own records; a use case's command or answer changing must not change storage");

    public static final ArchRule adapters_never_use_services = noClasses()
            .that().resideInAnyPackage(ADAPTER_POSTGRES, ADAPTER_HTTP, ADAPTER_VECTOR, ADAPTER_CRYPTO, ADAPTER_NOTIFY)
            .should().dependOnClassesThat().resideInAPackage(PORTS_SERVICE)
            .because("adapters drive use cases (ports.in) and implement driven ports (ports.out); only the composition root builds services");

    public static final ArchRule the_agent_protocol_stays_at_the_edge = noClasses()
            .that().resideInAnyPackage(PORTS_IN, PORTS_SERVICE, PORTS_OUT).and().resideOutsideOfPackage(PORTS_OUT_VECTOR_RUNTIME)
            .should().dependOnClassesThat().resideInAPackage(PROTOCOL)
            .because("the wire format is mapped to typed commands and answers by adapter-http; use cases, services and storage never see it");

    public static final ArchRule the_agent_protocol_depends_on_the_jdk_only = classes()
            .that().resideInAPackage(PROTOCOL)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PROTOCOL, "java..")
            .because("both sides of the wire (server and agent) share these records and nothing else");

    /** The rings whose feature packages ({@code <ring>.<feature>..}) must not depend on each other in a circle. */
    static final List<String> FEATURE_RINGS = List.of("dev.vectorflow.core", "dev.vectorflow.ports.in", "dev.vectorflow.ports.out",
            "dev.vectorflow.ports.service", "dev.vectorflow.adapter.postgres", "dev.vectorflow.adapter.http", "dev.vectorflow.adapter.vector",
            "dev.vectorflow.adapter.crypto");

    /** One slice per feature package of a ring (e.g. ports.service.heartbeat); classes right in a ring's root belong to none. */
    static final SliceAssignment FEATURE_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            for (String ring : FEATURE_RINGS) {
                if (pkg.startsWith(ring + ".")) {
                    String rest = pkg.substring(ring.length() + 1);
                    int dot = rest.indexOf('.');
                    return SliceIdentifier.of(ring.substring("dev.vectorflow.".length()) + "." + (dot < 0 ? rest : rest.substring(0, dot)));
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the feature packages of core-domain, ports and the adapters";
        }
    };

    public static final ArchRule feature_packages_are_free_of_cycles = slices()
            .assignedFrom(FEATURE_PACKAGES)
            .should().beFreeOfCycles()
            .because("a feature is read and changed in its own rooms; a circle of features can only be understood whole");

    public static final ArchRule adapter_exceptions_never_cross_a_port = methods()
            .that().areDeclaredInClassesThat().resideInAPackage(PORTS)
            .should(declareOnlyOwnOrJdkLangExceptions())
            .because("adapters translate SQL, IO and library exceptions into port-level failures");

    public static final ArchRule clock_and_randomness_are_ports = noClasses()
            .that().resideInAnyPackage(CORE, PORTS)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().callConstructor(SecureRandom.class)
            .orShould().callConstructor(Random.class)
            .because("time and randomness are injected (Clock, IdGenerator) so the model stays deterministic");

    public static final ArchRule use_case_ports_are_named_for_what_they_do = classes()
            .that().resideInAPackage("dev.vectorflow.ports.in..").and().areInterfaces().and().areTopLevelClasses()
            .and().doNotHaveSimpleName("package-info")
            .should().haveSimpleNameEndingWith("UseCase").orShould().haveSimpleNameEndingWith("Queries");

    public static final ArchRule no_manager_helper_or_util_classes = noClasses()
            .that().resideInAPackage("dev.vectorflow..")
            .should().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils");

    private static ArchCondition<JavaClass> useAJooqDialectOtherThanPostgres() {
        return new ArchCondition<>("use a jOOQ SQLDialect other than POSTGRES") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaFieldAccess access : item.getFieldAccessesFromSelf()) {
                    if (access.getTarget().getOwner().getName().equals("org.jooq.SQLDialect")
                            && !access.getTarget().getName().equals("POSTGRES")) {
                        events.add(SimpleConditionEvent.satisfied(access, access.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaMethod> declareOnlyOwnOrJdkLangExceptions() {
        return new ArchCondition<>("declare only VectorFlow or java.lang exceptions") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                method.getThrowsClause().getTypes().forEach(type -> {
                    String name = type.getName();
                    boolean allowed = name.startsWith("dev.vectorflow.") || type.getPackageName().equals("java.lang");
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " declares " + name + ", an adapter-level exception, across a port"));
                    }
                });
            }
        };
    }
}
