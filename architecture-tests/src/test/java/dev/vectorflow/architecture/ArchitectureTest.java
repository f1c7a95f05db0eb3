package dev.vectorflow.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Checks every rule of {@link ArchitectureRules} against the production classes of all modules. */
@AnalyzeClasses(packages = "dev.vectorflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest static final ArchRule every_class_belongs_to_a_known_module = ArchitectureRules.every_class_belongs_to_a_known_module;
    @ArchTest static final ArchRule core_domain_depends_on_the_jdk_only = ArchitectureRules.core_domain_depends_on_the_jdk_only;
    @ArchTest static final ArchRule ports_depend_on_core_domain_and_the_jdk_only = ArchitectureRules.ports_depend_on_core_domain_and_the_jdk_only;
    @ArchTest static final ArchRule persistence_libraries_only_in_adapter_postgres = ArchitectureRules.persistence_libraries_only_in_adapter_postgres;
    @ArchTest static final ArchRule one_sql_dialect_postgresql = ArchitectureRules.one_sql_dialect_postgresql;
    @ArchTest static final ArchRule javalin_only_in_adapter_http_and_app_server = ArchitectureRules.javalin_only_in_adapter_http_and_app_server;
    @ArchTest static final ArchRule bouncycastle_only_in_adapter_crypto = ArchitectureRules.bouncycastle_only_in_adapter_crypto;
    @ArchTest static final ArchRule object_storage_clients_only_in_adapter_storage = ArchitectureRules.object_storage_clients_only_in_adapter_storage;
    @ArchTest static final ArchRule openid_connect_library_only_in_adapter_oidc = ArchitectureRules.openid_connect_library_only_in_adapter_oidc;
    @ArchTest static final ArchRule outbound_notification_clients_only_in_adapter_notify = ArchitectureRules.outbound_notification_clients_only_in_adapter_notify;
    @ArchTest static final ArchRule qr_codes_only_in_adapter_http = ArchitectureRules.qr_codes_only_in_adapter_http;
    @ArchTest static final ArchRule jackson_never_in_core_domain_or_ports = ArchitectureRules.jackson_never_in_core_domain_or_ports;
    @ArchTest static final ArchRule no_adapter_depends_on_another_adapter = ArchitectureRules.no_adapter_depends_on_another_adapter;
    @ArchTest static final ArchRule nothing_but_the_composition_root_depends_on_app_server = ArchitectureRules.nothing_but_the_composition_root_depends_on_app_server;
    @ArchTest static final ArchRule the_command_line_uses_only_the_library_and_the_http_api = ArchitectureRules.the_command_line_uses_only_the_library_and_the_http_api;
    @ArchTest static final ArchRule nothing_depends_on_the_command_line = ArchitectureRules.nothing_depends_on_the_command_line;
    @ArchTest static final ArchRule agent_runtime_never_depends_on_server_modules = ArchitectureRules.agent_runtime_never_depends_on_server_modules;
    @ArchTest static final ArchRule every_agent_class_belongs_to_a_known_ring = ArchitectureRules.every_agent_class_belongs_to_a_known_ring;
    @ArchTest static final ArchRule the_agent_core_depends_only_on_ports = ArchitectureRules.the_agent_core_depends_only_on_ports;
    @ArchTest static final ArchRule only_the_agents_composition_root_wires_adapter_vector = ArchitectureRules.only_the_agents_composition_root_wires_adapter_vector;
    @ArchTest static final ArchRule the_agent_runs_without_data_binding_or_java_net_http = ArchitectureRules.the_agent_runs_without_data_binding_or_java_net_http;
    @ArchTest static final ArchRule the_vector_standin_is_used_by_nothing_shipped = ArchitectureRules.the_vector_standin_is_used_by_nothing_shipped;
    @ArchTest static final ArchRule the_vector_standin_stands_alone = ArchitectureRules.the_vector_standin_stands_alone;
    @ArchTest static final ArchRule benchmarks_use_only_the_embeddable_library = ArchitectureRules.benchmarks_use_only_the_embeddable_library;
    @ArchTest static final ArchRule load_generators_talk_to_the_server_only_over_http = ArchitectureRules.load_generators_talk_to_the_server_only_over_http;
    @ArchTest static final ArchRule the_fault_harness_breaks_real_processes_from_outside = ArchitectureRules.the_fault_harness_breaks_real_processes_from_outside;
    @ArchTest static final ArchRule footprint_measurements_run_the_shipped_agent_from_outside = ArchitectureRules.footprint_measurements_run_the_shipped_agent_from_outside;
    @ArchTest static final ArchRule adapter_exceptions_never_cross_a_port = ArchitectureRules.adapter_exceptions_never_cross_a_port;
    @ArchTest static final ArchRule clock_and_randomness_are_ports = ArchitectureRules.clock_and_randomness_are_ports;
    @ArchTest static final ArchRule use_case_ports_are_named_for_what_they_do = ArchitectureRules.use_case_ports_are_named_for_what_they_do;
    @ArchTest static final ArchRule no_manager_helper_or_util_classes = ArchitectureRules.no_manager_helper_or_util_classes;
    @ArchTest static final ArchRule driven_ports_never_use_use_cases = ArchitectureRules.driven_ports_never_use_use_cases;
    @ArchTest static final ArchRule adapters_never_use_services = ArchitectureRules.adapters_never_use_services;
    @ArchTest static final ArchRule the_agent_protocol_stays_at_the_edge = ArchitectureRules.the_agent_protocol_stays_at_the_edge;
    @ArchTest static final ArchRule the_agent_protocol_depends_on_the_jdk_only = ArchitectureRules.the_agent_protocol_depends_on_the_jdk_only;
    @ArchTest static final ArchRule feature_packages_are_free_of_cycles = ArchitectureRules.feature_packages_are_free_of_cycles;
}
