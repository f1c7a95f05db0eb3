package dev.vectorflow.adapter.postgres.environment;

import static dev.vectorflow.adapter.postgres.jooq.Tables.ENVIRONMENTS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.EnvironmentsRecord;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.TeamId;
import java.time.ZoneOffset;

/** Maps environments to and from their table rows; the only place that knows both shapes. */
final class EnvironmentRecordMapper {

    private EnvironmentRecordMapper() {
    }

    static EnvironmentsRecord toRecord(Environment environment) {
        EnvironmentsRecord record = ENVIRONMENTS.newRecord();
        record.setId(environment.id().value());
        record.setTeamId(environment.teamId().value());
        record.setName(environment.name().value());
        record.setNameKey(environment.name().uniquenessKey());
        record.setDescription(environment.description());
        record.setCreatedAt(environment.createdAt().atOffset(ZoneOffset.UTC));
        record.setUpdatedAt(environment.updatedAt().atOffset(ZoneOffset.UTC));
        record.setRequiresApproval(environment.requiresApproval());
        return record;
    }

    static Environment toDomain(EnvironmentsRecord record) {
        return new Environment(
                new EnvironmentId(record.getId()),
                new TeamId(record.getTeamId()),
                new EnvironmentName(record.getName()),
                record.getDescription(),
                record.getCreatedAt().toInstant(),
                record.getUpdatedAt().toInstant(),
                Boolean.TRUE.equals(record.getRequiresApproval()));
    }
}
