package dev.vectorflow.ports.contract;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.AlertRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.Transactions;

/** A store the fleet's contracts run on: its unit of work, its repositories, and new environments (with their teams) in it. */
public interface FleetContractStore {

    Transactions transactions();

    /** A new environment, and the team it belongs to, in the store. */
    EnvironmentId newEnvironment();

    NodeRepository nodes();

    NodeActionRepository nodeActions();

    PipelineRepository pipelines();

    DeploymentRepository deployments();

    EnrollmentTokenRepository enrollmentTokens();

    AgentReleaseRepository agentReleases();

    SecretRepository secrets();

    AlertRuleRepository alertRules();

    AlertChannelRepository alertChannels();

    AlertRepository alerts();

    DeliveryRepository alertDeliveries();
}
