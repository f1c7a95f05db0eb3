package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.persistence.UserRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class UserRepositoryContract extends FleetStoreContract {

    private UserRepository users() {
        return store().users();
    }

    /** The user with every optional field set, and instants finer than a second. */
    private static User lockedOut(User user) {
        return new User(user.id(), user.email(), new PersonName("Renamed Ann"), "other-hash", true, true, User.LOCK_AFTER_FAILURES,
                Optional.of(T0.plus(Duration.ofMinutes(15)).plusNanos(123_456_000)), user.createdAt(), T0.plusSeconds(60).plusNanos(654_321_000),
                Optional.of(T0.plusNanos(1_000)));
    }

    @Test
    void givenInsertedUser_findByIdAndByEmail_returnItUnchanged() {
        User user = user("ann");
        inTransaction(() -> users().insert(user));

        assertThat(inTransaction(() -> users().findById(user.id()))).contains(user);
        assertThat(inTransaction(() -> users().findByEmail(new Email(user.email().value().toUpperCase())))).contains(user);
    }

    @Test
    void givenUnknownIdOrEmail_find_isEmpty() {
        assertThat(inTransaction(() -> users().findById(new UserId(UUID.randomUUID())))).isEmpty();
        assertThat(inTransaction(() -> users().findByEmail(new Email("nobody-" + UUID.randomUUID() + "@example.test")))).isEmpty();
    }

    @Test
    void givenEmailTaken_insert_throwsUniqueViolationAndKeepsTheFirst() {
        User first = newUser();
        User second = new User(new UserId(UUID.randomUUID()), new Email(first.email().value().toUpperCase()), new PersonName("Bob"), "h", false,
                false, 0, Optional.empty(), T0, T0, Optional.empty());

        assertThatThrownBy(() -> inTransaction(() -> users().insert(second))).isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> users().findByEmail(first.email()))).contains(first);
        assertThat(inTransaction(() -> users().findById(second.id()))).isEmpty();
    }

    @Test
    void givenStoredUser_update_replacesEveryFieldButTheCreationTime() {
        User user = newUser();
        User changed = lockedOut(new User(user.id(), user.email(), user.name(), user.passwordHash(), false, false, 0, Optional.empty(),
                T0.minusSeconds(3_600), T0, Optional.empty()));

        assertThat(inTransaction(() -> users().update(changed))).isTrue();
        assertThat(inTransaction(() -> users().findById(user.id()))).contains(lockedOut(user));
    }

    @Test
    void givenUnknownUser_update_returnsFalseAndStoresNothing() {
        User ghost = user("ghost");

        assertThat(inTransaction(() -> users().update(ghost))).isFalse();
        assertThat(inTransaction(() -> users().findById(ghost.id()))).isEmpty();
    }

    @Test
    void givenEmailOfAnother_update_throwsUniqueViolationAndChangesNothing() {
        User ann = newUser();
        User bob = newUser();
        User bobAsAnn = new User(bob.id(), ann.email(), bob.name(), bob.passwordHash(), false, false, 0, Optional.empty(), bob.createdAt(),
                bob.updatedAt(), bob.passwordChosenAt());

        assertThatThrownBy(() -> inTransaction(() -> users().update(bobAsAnn))).isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> users().findById(bob.id()))).contains(bob);
    }

    @Test
    void delete_removesTheUserAndReportsWhetherItExisted() {
        User gone = newUser();
        User kept = newUser();

        assertThat(inTransaction(() -> users().delete(gone.id()))).isTrue();
        assertThat(inTransaction(() -> users().delete(gone.id()))).isFalse();
        assertThat(inTransaction(() -> users().findById(gone.id()))).isEmpty();
        assertThat(inTransaction(() -> users().findByEmail(gone.email()))).isEmpty();
        assertThat(inTransaction(() -> users().findById(kept.id()))).contains(kept);
    }

    @Test
    void findAll_ordersByEmail_andCountCountsEveryUser() {
        long before = inTransaction(() -> users().count());
        String run = UUID.randomUUID().toString();
        List<User> mine = List.of(withEmail("carol", run), withEmail("alice", run), withEmail("bob", run));
        inTransaction(() -> mine.forEach(users()::insert));

        assertThat(inTransaction(() -> users().findAll())).filteredOn(u -> u.email().value().endsWith(run + "@example.test"))
                .extracting(u -> u.name().value()).containsExactly("alice", "bob", "carol");
        assertThat(inTransaction(() -> users().count())).isEqualTo(before + 3);
    }

    private static User withEmail(String localPart, String run) {
        return User.create(new UserId(UUID.randomUUID()), new Email(localPart + "-" + run + "@example.test"), new PersonName(localPart), "h",
                false, T0);
    }

    @Test
    void givenWorkThatThrows_inTransaction_storesNoneOfItsUsers() {
        User lost = user("lost");

        assertThatThrownBy(() -> inTransaction(() -> {
            users().insert(lost);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> users().findById(lost.id()))).isEmpty();
    }
}
