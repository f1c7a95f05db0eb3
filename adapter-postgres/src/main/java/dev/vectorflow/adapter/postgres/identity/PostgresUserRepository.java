package dev.vectorflow.adapter.postgres.identity;

import static dev.vectorflow.adapter.postgres.jooq.Tables.USERS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.UsersRecord;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.UserRepository;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import java.time.Instant;

/** {@link UserRepository} on the {@code users} table. */
public final class PostgresUserRepository implements UserRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresUserRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static UsersRecord toRecord(User u) {
        UsersRecord r = USERS.newRecord();
        r.setId(u.id().value());
        r.setEmail(u.email().value());
        r.setName(u.name().value());
        r.setPasswordHash(u.passwordHash());
        r.setPlatformAdmin(u.platformAdmin());
        r.setMustChangePassword(u.mustChangePassword());
        r.setFailedSignIns(u.failedSignIns());
        r.setLockedUntil(u.lockedUntil().map(PostgresUserRepository::utc).orElse(null));
        r.setCreatedAt(utc(u.createdAt()));
        r.setUpdatedAt(utc(u.updatedAt()));
        r.setPasswordChosenAt(u.passwordChosenAt().map(PostgresUserRepository::utc).orElse(null));
        return r;
    }

    private static User toDomain(UsersRecord r) {
        return new User(new UserId(r.getId()), new Email(r.getEmail()), new PersonName(r.getName()), r.getPasswordHash(),
                r.getPlatformAdmin(), r.getMustChangePassword(), r.getFailedSignIns(),
                Optional.ofNullable(r.getLockedUntil()).map(OffsetDateTime::toInstant), r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant(),
                Optional.ofNullable(r.getPasswordChosenAt()).map(OffsetDateTime::toInstant));
    }

    @Override
    public void insert(User user) {
        dsl.get().executeInsert(toRecord(user));
    }

    @Override
    public boolean update(User user) {
        UsersRecord r = toRecord(user);
        r.changed(USERS.ID, false);
        r.changed(USERS.CREATED_AT, false);
        return dsl.get().executeUpdate(r, USERS.ID.eq(user.id().value())) == 1;
    }

    @Override
    public boolean delete(UserId id) {
        return dsl.get().deleteFrom(USERS).where(USERS.ID.eq(id.value())).execute() == 1;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return dsl.get().selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional(PostgresUserRepository::toDomain);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return dsl.get().selectFrom(USERS).where(USERS.EMAIL.eq(email.value())).fetchOptional(PostgresUserRepository::toDomain);
    }

    @Override
    public List<User> findAll() {
        return dsl.get().selectFrom(USERS).orderBy(USERS.EMAIL).fetch(PostgresUserRepository::toDomain);
    }

    @Override
    public long count() {
        return dsl.get().fetchCount(USERS);
    }
}
