package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.persistence.UserRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link UserRepository} over a map; e-mail addresses are unique, the creation time never changes. */
public final class InMemoryUserRepository implements UserRepository, InMemoryTransactions.Participant {

    private Map<UserId, User> users = new LinkedHashMap<>();

    @Override
    public void insert(User user) {
        if (findByEmail(user.email()).isPresent()) {
            throw new UniqueViolation("e-mail taken", null);
        }
        users.put(user.id(), user);
    }

    @Override
    public boolean update(User user) {
        User stored = users.get(user.id());
        if (stored == null) {
            return false;
        }
        if (findByEmail(user.email()).filter(other -> !other.id().equals(user.id())).isPresent()) {
            throw new UniqueViolation("e-mail taken", null);
        }
        users.put(user.id(), new User(user.id(), user.email(), user.name(), user.passwordHash(), user.platformAdmin(), user.mustChangePassword(),
                user.failedSignIns(), user.lockedUntil(), stored.createdAt(), user.updatedAt(), user.passwordChosenAt()));
        return true;
    }

    @Override
    public boolean delete(UserId id) {
        return users.remove(id) != null;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return users.values().stream().filter(u -> u.email().equals(email)).findFirst();
    }

    @Override
    public List<User> findAll() {
        return users.values().stream().sorted(Comparator.comparing(u -> u.email().toString())).toList();
    }

    @Override
    public long count() {
        return users.size();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(users);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        users = new LinkedHashMap<>((Map<UserId, User>) snapshot);
    }
}
