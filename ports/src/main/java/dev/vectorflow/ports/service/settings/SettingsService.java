package dev.vectorflow.ports.service.settings;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.settings.SettingDefinition;
import dev.vectorflow.core.settings.SettingSource;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import dev.vectorflow.ports.in.settings.SettingsQueries;
import dev.vectorflow.ports.in.settings.UpdateSettingsUseCase;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.settings.SettingsChanges;
import dev.vectorflow.ports.out.settings.SettingsRepository;
import dev.vectorflow.ports.out.settings.SettingsRepository.StoredSetting;
import dev.vectorflow.ports.service.secret.KeyRingService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The settings store: the effective value of every setting (an environment variable set at start wins, then the stored
 * value, then the default), kept in memory as one {@link SettingsSnapshot} and read again whenever any server changes
 * it. Secret values are stored sealed by the key ring and opened only into the snapshot.
 */
public final class SettingsService implements SettingsQueries, UpdateSettingsUseCase {

    private final Transactions transactions;
    private final SettingsRepository repository;
    private final AuditLog audit;
    private final KeyRingService keyRing;
    private final UserRepository users;
    private final SettingsChanges changes;
    private final Clock clock;
    private final Map<String, String> environment;
    private final List<Consumer<SettingsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile SettingsSnapshot current;
    private volatile Map<String, StoredSetting> stored = Map.of();

    /**
     * @param environment canonical values of the settings set by environment variables, by key (checked at start)
     */
    public SettingsService(Transactions transactions, SettingsRepository repository, AuditLog audit, KeyRingService keyRing,
                           UserRepository users, SettingsChanges changes, Clock clock, Map<String, String> environment) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
        this.keyRing = keyRing;
        this.users = users;
        this.changes = changes;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
        this.current = SettingsSnapshot.resolve(this.environment, Map.of());
    }

    /** The effective settings now (never blocks). */
    public SettingsSnapshot current() {
        return current;
    }

    /** Runs {@code listener} with the new snapshot after every reload that changed an effective value. */
    public void onChange(Consumer<SettingsSnapshot> listener) {
        listeners.add(listener);
    }

    /**
     * Reads the store again. A stored value this version no longer accepts (or a secret the key ring cannot open) is left
     * out, so its default applies; {@link #unusableStoredValues} names them.
     */
    public SettingsSnapshot reload() {
        Map<String, StoredSetting> rows = transactions.inTransaction(repository::findAll);
        Map<String, String> values = new HashMap<>();
        rows.forEach((key, row) -> usable(key, row).ifPresent(v -> values.put(key, v)));
        SettingsSnapshot before = current;
        SettingsSnapshot after = SettingsSnapshot.resolve(environment, values);
        this.stored = Map.copyOf(rows);
        this.current = after;
        if (!after.describe().equals(before.describe()) || secretsDiffer(before, after)) {
            for (Consumer<SettingsSnapshot> listener : listeners) {
                listener.accept(after);
            }
        }
        return after;
    }

    /** Keys stored with a value that is not used (no longer valid, or a secret that cannot be opened). */
    public List<String> unusableStoredValues() {
        List<String> unusable = new ArrayList<>();
        stored.forEach((key, row) -> {
            if (usable(key, row).isEmpty()) {
                unusable.add(key);
            }
        });
        return unusable;
    }

    private static boolean secretsDiffer(SettingsSnapshot a, SettingsSnapshot b) {
        return SettingsCatalog.all().stream().filter(SettingDefinition::secret)
                .anyMatch(d -> !a.text(d.key()).equals(b.text(d.key())));
    }

    private Optional<String> usable(String key, StoredSetting row) {
        Optional<SettingDefinition> definition = SettingsCatalog.byKey(key);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        try {
            String text = definition.get().secret() ? open(key, row.value()) : row.value();
            return Optional.of(definition.get().canonical(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String open(String key, String envelope) {
        return envelope.isEmpty() ? "" : new String(keyRing.open(envelope, context(key)), StandardCharsets.UTF_8);
    }

    private static String context(String key) {
        return "setting:" + key;
    }

    @Override
    public List<SettingView> listSettings() {
        SettingsSnapshot snapshot = current;
        Map<String, StoredSetting> rows = stored;
        List<SettingView> views = new ArrayList<>();
        for (SettingDefinition d : SettingsCatalog.all()) {
            SettingsSnapshot.Effective e = snapshot.effective(d.key());
            Optional<StoredSetting> row = e.source() == SettingSource.STORED ? Optional.ofNullable(rows.get(d.key())) : Optional.empty();
            views.add(new SettingView(d, d.secret() ? "" : e.value(), e.source(), d.secret() && !e.value().isEmpty(),
                    row.map(StoredSetting::updatedAt), row.map(StoredSetting::updatedBy)));
        }
        return views;
    }

    @Override
    public List<SettingView> updateSettings(Actor actor, UpdateSettingsCommand command) {
        Objects.requireNonNull(command, "command");
        if (command.values().size() > SettingsCatalog.all().size()) {
            throw new InvalidValueException("values", "may hold at most " + SettingsCatalog.all().size() + " settings");
        }
        List<InvalidValueException> problems = new ArrayList<>();
        Map<String, Optional<String>> accepted = new LinkedHashMap<>();
        command.values().forEach((key, value) -> {
            Optional<SettingDefinition> definition = SettingsCatalog.byKey(key);
            if (definition.isEmpty()) {
                problems.add(new InvalidValueException(key, "is no setting"));
            } else if (environment.containsKey(key)) {
                problems.add(new InvalidValueException(key, "is set by the environment (" + definition.get().environmentVariable()
                        + ") and cannot be changed here"));
            } else {
                try {
                    accepted.put(key, value.map(definition.get()::canonical));
                } catch (InvalidValueException invalid) {
                    problems.add(invalid);
                }
            }
        });
        transactions.inTransaction(() -> {
            SettingsSnapshot before = reloadInside();
            Map<String, String> next = new HashMap<>();
            for (SettingDefinition d : SettingsCatalog.all()) {
                if (before.effective(d.key()).source() == SettingSource.STORED) {
                    next.put(d.key(), before.text(d.key()));
                }
            }
            accepted.forEach((key, value) -> {
                if (value.isPresent()) {
                    next.put(key, value.get());
                } else {
                    next.remove(key);
                }
            });
            SettingsSnapshot after = SettingsSnapshot.resolve(environment, next);
            if (problems.isEmpty()) {
                problems.addAll(after.crossFieldProblems());
                checkBreakGlass(after).ifPresent(problems::add);
            }
            if (!problems.isEmpty()) {
                throw new InvalidValuesException(problems);
            }
            Changes diff = Changes.none();
            String by = actor.label();
            for (Map.Entry<String, Optional<String>> change : accepted.entrySet()) {
                String key = change.getKey();
                SettingDefinition d = SettingsCatalog.get(key);
                String old = before.text(key);
                String now = after.text(key);
                if (old.equals(now) && before.effective(key).source() == after.effective(key).source()) {
                    continue;
                }
                if (change.getValue().isPresent()) {
                    String value = change.getValue().get();
                    repository.put(key, new StoredSetting(d.secret() && !value.isEmpty()
                            ? keyRing.seal(value.getBytes(StandardCharsets.UTF_8), context(key)) : value, clock.instant(), by));
                } else {
                    repository.delete(key);
                }
                if (d.secret()) {
                    diff.secret(key, !old.isEmpty(), !now.isEmpty());
                } else {
                    diff.field(key, old, now);
                }
            }
            if (!diff.asMap().isEmpty()) {
                audit.append(new AuditEvent(actor, "settings.update", "settings", "", Optional.empty(), diff));
                changes.settingsChanged();
            }
            return null;
        });
        reload();
        return listSettings();
    }

    /** The stored values as they are in the database right now (inside the caller's unit of work). */
    private SettingsSnapshot reloadInside() {
        Map<String, String> values = new HashMap<>();
        repository.findAll().forEach((key, row) -> usable(key, row).ifPresent(v -> values.put(key, v)));
        return SettingsSnapshot.resolve(environment, values);
    }

    /** With local sign-in off, the break-glass address must belong to a platform admin who has a password. */
    private Optional<InvalidValueException> checkBreakGlass(SettingsSnapshot after) {
        if (after.flag(SettingsCatalog.LOCAL_SIGN_IN)) {
            return Optional.empty();
        }
        String email = after.text(SettingsCatalog.BREAK_GLASS_EMAIL);
        if (email.isEmpty()) {
            return Optional.empty(); // reported by the rules between settings
        }
        Optional<User> admin = users.findByEmail(new Email(email));
        if (admin.isEmpty() || !admin.get().platformAdmin() || !admin.get().hasPassword()) {
            return Optional.of(new InvalidValueException(SettingsCatalog.BREAK_GLASS_EMAIL, "must be the e-mail of a platform admin with a"
                    + " password, so that someone can sign in when the identity provider fails ('" + email + "' is none)"));
        }
        return Optional.empty();
    }
}
