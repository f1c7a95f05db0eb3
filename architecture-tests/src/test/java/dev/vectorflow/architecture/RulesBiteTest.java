package dev.vectorflow.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.vectorflow.adapter.http.HttpApi;
import dev.vectorflow.adapter.http.identity.TwoFactorController;
import dev.vectorflow.adapter.http.planted.HttpReadingTokens;
import dev.vectorflow.adapter.http.planted.HttpUsingPostgres;
import dev.vectorflow.adapter.http.planted.HttpUsingTheCompositionRoot;
import dev.vectorflow.adapter.notify.GuardedNotificationSender;
import dev.vectorflow.adapter.notify.planted.NotifyUsingAService;
import dev.vectorflow.adapter.notify.planted.NotifyUsingPostgres;
import dev.vectorflow.adapter.oidc.NimbusOpenIdConnect;
import dev.vectorflow.adapter.oidc.planted.OidcDrawingQrCodes;
import dev.vectorflow.adapter.oidc.planted.OidcUsingPostgres;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.planted.PostgresUsingAService;
import dev.vectorflow.adapter.postgres.planted.PostgresUsingH2;
import dev.vectorflow.adapter.postgres.planted.PostgresUsingS3;
import dev.vectorflow.adapter.postgres.planted.PostgresSendingMail;
import dev.vectorflow.adapter.storage.S3BackupStorage;
import dev.vectorflow.adapter.storage.planted.StorageUsingPostgres;
import dev.vectorflow.adapter.vector.VectorVersion;
import dev.vectorflow.adapter.vector.planted.ConfigManager;
import dev.vectorflow.adapter.vector.planted.VectorUsingJavalin;
import dev.vectorflow.adapter.vector.process.VectorApiTelemetry;
import dev.vectorflow.agent.AgentMain;
import dev.vectorflow.agent.AgentSettings;
import dev.vectorflow.agent.control.ControlLoop;
import dev.vectorflow.agent.control.planted.ControlUsingTheHttpClient;
import dev.vectorflow.agent.controlplane.HttpControlPlane;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.pipeline.planted.PipelinesUsingAdapterVector;
import dev.vectorflow.agent.planted.AgentUsingDataBinding;
import dev.vectorflow.agent.planted.AgentUsingHttpAdapter;
import dev.vectorflow.agent.planted.AgentUsingTheStandin;
import dev.vectorflow.bench.PipelineBenchmark;
import dev.vectorflow.bench.chaos.FaultScenarios;
import dev.vectorflow.bench.chaos.planted.ChaosLinkingTheServer;
import dev.vectorflow.bench.footprint.AgentFootprint;
import dev.vectorflow.bench.footprint.planted.FootprintUsingTheAgent;
import dev.vectorflow.bench.load.HeartbeatLoad;
import dev.vectorflow.bench.load.planted.LoadUsingTheServer;
import dev.vectorflow.bench.planted.BenchmarkUsingPostgres;
import dev.vectorflow.adapter.vector.planted.VectorUsingTheCommandLine;
import dev.vectorflow.cli.ApplyPlan;
import dev.vectorflow.cli.VectorFlowCtl;
import dev.vectorflow.cli.planted.CtlUsingTheHttpAdapter;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.planted.CoreReadingTheClock;
import dev.vectorflow.core.planted.CoreUsingJackson;
import dev.vectorflow.core.planted.CoreUsingJooq;
import dev.vectorflow.planted.Orphan;
import dev.vectorflow.ports.in.environment.CreateEnvironmentUseCase;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase;
import dev.vectorflow.ports.in.planted.EnvironmentStuff;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.planted.DrivenPortUsingAUseCase;
import dev.vectorflow.ports.planted.PortThrowingSql;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.planted.WireUsingTheModel;
import dev.vectorflow.ports.service.environment.CreateEnvironmentService;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;
import dev.vectorflow.ports.service.heartbeat.ReceiveHeartbeatService;
import dev.vectorflow.ports.service.identity.TwoFactorService;
import dev.vectorflow.ports.service.node.DeleteNodeService;
import dev.vectorflow.ports.service.planted.CircleStart;
import dev.vectorflow.ports.service.planted.ServiceReadingTheWire;
import dev.vectorflow.ports.service.plantedcycle.CircleEnd;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import dev.vectorflow.standin.VectorStandin;
import dev.vectorflow.standin.planted.StandinUsingPorts;
import org.junit.jupiter.api.Test;

/**
 * Proves each rule bites: it fails on a planted violation (test classes, never part of the
 * production import) and passes on real, compliant classes of the same module.
 */
class RulesBiteTest {

    private static JavaClasses classes(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    private static void bites(ArchRule rule, JavaClasses violating, JavaClasses compliant) {
        assertThatThrownBy(() -> rule.check(violating)).isInstanceOf(AssertionError.class);
        assertThatCode(() -> rule.check(compliant)).doesNotThrowAnyException();
    }

    @Test
    void coreDomainImportingJooqOrJackson_breaksTheBuild() {
        bites(ArchitectureRules.core_domain_depends_on_the_jdk_only, classes(CoreUsingJooq.class), classes(Environment.class));
        bites(ArchitectureRules.jackson_never_in_core_domain_or_ports, classes(CoreUsingJackson.class), classes(Environment.class));
        bites(ArchitectureRules.persistence_libraries_only_in_adapter_postgres, classes(CoreUsingJooq.class), classes(Environment.class));
    }

    @Test
    void adapterHttpUsingAdapterPostgres_breaksTheBuild() {
        bites(ArchitectureRules.no_adapter_depends_on_another_adapter,
                classes(HttpUsingPostgres.class, PostgresStore.class), classes(HttpApi.class, PostgresStore.class));
    }

    @Test
    void anAdapterUsingAppServer_breaksTheBuild() {
        bites(ArchitectureRules.nothing_but_the_composition_root_depends_on_app_server,
                classes(HttpUsingTheCompositionRoot.class), classes(HttpApi.class));
    }

    @Test
    void librariesOutsideTheirAdapter_breakTheBuild() {
        bites(ArchitectureRules.javalin_only_in_adapter_http_and_app_server, classes(VectorUsingJavalin.class), classes(VectorVersion.class));
        bites(ArchitectureRules.persistence_libraries_only_in_adapter_postgres, classes(VectorUsingJavalin.class), classes(VectorVersion.class));
        bites(ArchitectureRules.bouncycastle_only_in_adapter_crypto, classes(VectorUsingJavalin.class), classes(VectorVersion.class));
    }

    @Test
    void anS3ClientOutsideAdapterStorage_orAdapterStorageUsingAnotherAdapter_breaksTheBuild() {
        bites(ArchitectureRules.object_storage_clients_only_in_adapter_storage, classes(PostgresUsingS3.class), classes(PostgresStore.class, S3BackupStorage.class));
        bites(ArchitectureRules.no_adapter_depends_on_another_adapter, classes(StorageUsingPostgres.class, PostgresStore.class),
                classes(S3BackupStorage.class, PostgresStore.class));
        bites(ArchitectureRules.every_class_belongs_to_a_known_module, classes(Orphan.class), classes(S3BackupStorage.class));
    }

    @Test
    void nimbusOutsideAdapterOidc_orAdapterOidcUsingAnotherAdapter_breaksTheBuild() {
        bites(ArchitectureRules.openid_connect_library_only_in_adapter_oidc, classes(HttpReadingTokens.class),
                classes(NimbusOpenIdConnect.class, HttpApi.class));
        bites(ArchitectureRules.no_adapter_depends_on_another_adapter, classes(OidcUsingPostgres.class, PostgresStore.class),
                classes(NimbusOpenIdConnect.class, PostgresStore.class));
        bites(ArchitectureRules.every_class_belongs_to_a_known_module, classes(Orphan.class), classes(NimbusOpenIdConnect.class));
    }

    @Test
    void mailOrHttpClientsOutsideAdapterNotify_orAdapterNotifyUsingAnotherAdapterOrAService_breakTheBuild() {
        bites(ArchitectureRules.outbound_notification_clients_only_in_adapter_notify, classes(PostgresSendingMail.class),
                classes(PostgresStore.class, GuardedNotificationSender.class));
        bites(ArchitectureRules.no_adapter_depends_on_another_adapter, classes(NotifyUsingPostgres.class, PostgresStore.class),
                classes(GuardedNotificationSender.class, PostgresStore.class));
        bites(ArchitectureRules.adapters_never_use_services, classes(NotifyUsingAService.class), classes(GuardedNotificationSender.class));
        bites(ArchitectureRules.every_class_belongs_to_a_known_module, classes(Orphan.class), classes(GuardedNotificationSender.class));
    }

    @Test
    void qrCodesOutsideAdapterHttp_breakTheBuild() {
        bites(ArchitectureRules.qr_codes_only_in_adapter_http, classes(OidcDrawingQrCodes.class),
                classes(TwoFactorController.class, TwoFactorService.class));
    }

    @Test
    void aSecondSqlDialect_breaksTheBuild() {
        bites(ArchitectureRules.one_sql_dialect_postgresql, classes(PostgresUsingH2.class), classes(PostgresStore.class));
    }

    @Test
    void theAgentUsingServerAdapters_breaksTheBuild() {
        bites(ArchitectureRules.agent_runtime_never_depends_on_server_modules, classes(AgentUsingHttpAdapter.class), classes(AgentSettings.class));
    }

    @Test
    void anAgentPackageNoRuleKnows_breaksTheBuild() {
        bites(ArchitectureRules.every_agent_class_belongs_to_a_known_ring, classes(AgentUsingTheStandin.class),
                classes(AgentMain.class, Pipelines.class, ControlLoop.class, HttpControlPlane.class));
    }

    @Test
    void theAgentCoreUsingAnAdapter_breaksTheBuild() {
        bites(ArchitectureRules.the_agent_core_depends_only_on_ports, classes(PipelinesUsingAdapterVector.class), classes(Pipelines.class));
        bites(ArchitectureRules.the_agent_core_depends_only_on_ports, classes(ControlUsingTheHttpClient.class), classes(ControlLoop.class));
        bites(ArchitectureRules.only_the_agents_composition_root_wires_adapter_vector, classes(PipelinesUsingAdapterVector.class),
                classes(AgentMain.class, Pipelines.class));
    }

    @Test
    void shippedCodeUsingTheStandin_orTheStandinUsingVectorFlow_breaksTheBuild() {
        bites(ArchitectureRules.the_vector_standin_is_used_by_nothing_shipped, classes(AgentUsingTheStandin.class), classes(AgentMain.class));
        bites(ArchitectureRules.the_vector_standin_stands_alone, classes(StandinUsingPorts.class), classes(VectorStandin.class));
    }

    @Test
    void theAgentBindingJson_breaksTheBuild() {
        bites(ArchitectureRules.the_agent_runs_without_data_binding_or_java_net_http, classes(AgentUsingDataBinding.class),
                classes(HttpControlPlane.class, VectorApiTelemetry.class));
    }

    @Test
    void aFaultHarnessLinkingTheServer_breaksTheBuild() {
        bites(ArchitectureRules.the_fault_harness_breaks_real_processes_from_outside, classes(ChaosLinkingTheServer.class),
                classes(FaultScenarios.class));
    }

    @Test
    void aFootprintMeasurementLinkingTheAgent_breaksTheBuild() {
        bites(ArchitectureRules.footprint_measurements_run_the_shipped_agent_from_outside, classes(FootprintUsingTheAgent.class),
                classes(AgentFootprint.class));
    }

    @Test
    void aPortThrowingAnAdapterException_breaksTheBuild() {
        bites(ArchitectureRules.adapter_exceptions_never_cross_a_port, classes(PortThrowingSql.class), classes(EnvironmentRepository.class));
    }

    @Test
    void theModelReadingTheClock_breaksTheBuild() {
        bites(ArchitectureRules.clock_and_randomness_are_ports, classes(CoreReadingTheClock.class), classes(CreateEnvironmentService.class));
    }

    @Test
    void vagueNames_breakTheBuild() {
        bites(ArchitectureRules.use_case_ports_are_named_for_what_they_do, classes(EnvironmentStuff.class), classes(CreateEnvironmentUseCase.class));
        bites(ArchitectureRules.no_manager_helper_or_util_classes, classes(ConfigManager.class), classes(VectorVersion.class));
    }

    @Test
    void aClassOutsideEveryModule_breaksTheBuild() {
        bites(ArchitectureRules.every_class_belongs_to_a_known_module, classes(Orphan.class), classes(Environment.class));
    }

    @Test
    void ringRulesOnPorts_bite() {
        bites(ArchitectureRules.ports_depend_on_core_domain_and_the_jdk_only, classes(PortThrowingSql.class), classes(CreateEnvironmentService.class));
    }

    @Test
    void aDrivenPortUsingAUseCasesRecord_breaksTheBuild() {
        bites(ArchitectureRules.driven_ports_never_use_use_cases, classes(DrivenPortUsingAUseCase.class), classes(HeartbeatWriter.class));
    }

    @Test
    void anAdapterUsingAService_breaksTheBuild() {
        bites(ArchitectureRules.adapters_never_use_services, classes(PostgresUsingAService.class), classes(PostgresStore.class));
    }

    @Test
    void aServiceReadingTheWire_orAWireRecordHoldingTheModel_breaksTheBuild() {
        bites(ArchitectureRules.the_agent_protocol_stays_at_the_edge, classes(ServiceReadingTheWire.class),
                classes(ReceiveHeartbeatService.class, ReceiveHeartbeatUseCase.class));
        bites(ArchitectureRules.the_agent_protocol_depends_on_the_jdk_only, classes(WireUsingTheModel.class), classes(HeartbeatRequest.class));
    }

    @Test
    void twoFeaturePackagesUsingEachOther_breakTheBuild() {
        bites(ArchitectureRules.feature_packages_are_free_of_cycles, classes(CircleStart.class, CircleEnd.class),
                classes(DeleteNodeService.class, HeartbeatWrites.class, LiveTelemetry.class, FleetAudit.class));
    }

    @Test
    void aLibraryBenchmarkUsingTheServer_orALoadGeneratorLinkedToIt_breaksTheBuild() {
        bites(ArchitectureRules.benchmarks_use_only_the_embeddable_library, classes(BenchmarkUsingPostgres.class), classes(PipelineBenchmark.class));
        bites(ArchitectureRules.load_generators_talk_to_the_server_only_over_http, classes(LoadUsingTheServer.class), classes(HeartbeatLoad.class));
    }

    @Test
    void theCommandLineUsingAServerAdapter_orAModuleUsingTheCommandLine_breaksTheBuild() {
        bites(ArchitectureRules.the_command_line_uses_only_the_library_and_the_http_api, classes(CtlUsingTheHttpAdapter.class),
                classes(VectorFlowCtl.class, ApplyPlan.class));
        bites(ArchitectureRules.nothing_depends_on_the_command_line, classes(VectorUsingTheCommandLine.class), classes(PipelineBenchmark.class));
    }
}
