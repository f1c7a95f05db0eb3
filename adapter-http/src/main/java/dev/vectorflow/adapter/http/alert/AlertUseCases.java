package dev.vectorflow.adapter.http.alert;

import dev.vectorflow.ports.in.alert.AcknowledgeAlertUseCase;
import dev.vectorflow.ports.in.alert.AlertQueries;
import dev.vectorflow.ports.in.alert.ManageAlertChannelsUseCase;
import dev.vectorflow.ports.in.alert.ManageAlertRulesUseCase;
import dev.vectorflow.ports.in.alert.ManageSilencesUseCase;

/** The use cases the alert routes drive. */
public record AlertUseCases(ManageAlertRulesUseCase rules, ManageAlertChannelsUseCase channels, ManageSilencesUseCase silences,
                            AcknowledgeAlertUseCase acknowledge, AlertQueries queries) {
}
