package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.ChannelFields;
import dev.vectorflow.core.alert.DeliveryId;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import dev.vectorflow.ports.in.alert.ManageAlertChannelsUseCase;
import dev.vectorflow.ports.in.alert.SaveAlertChannelCommand;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryAttempt;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.NotificationSender;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import dev.vectorflow.ports.out.alert.StoredChannel;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates, changes, deletes and tests notification channels. Secret settings are sealed by the key ring and never
 * answered; every address is checked with the sender's guard (under the current settings) before anything is stored.
 * The checks and the test send run outside any unit of work (they may resolve names and wait on the network).
 */
public final class AlertChannelService implements ManageAlertChannelsUseCase {

    /** An environment holds at most this many channels. */
    public static final int MAX_CHANNELS = 100;

    private final Transactions transactions;
    private final AlertChannelRepository channels;
    private final AlertRuleRepository rules;
    private final DeliveryRepository deliveries;
    private final ChannelSecrets secrets;
    private final NotificationSender sender;
    private final Supplier<DeliveryPolicy> policy;
    private final FleetAudit audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final AlertLinks links;

    public AlertChannelService(Transactions transactions, AlertChannelRepository channels, AlertRuleRepository rules, DeliveryRepository deliveries,
                               ChannelSecrets secrets, NotificationSender sender, Supplier<DeliveryPolicy> policy, FleetAudit audit, IdGenerator ids,
                               Clock clock) {
        this(transactions, channels, rules, deliveries, secrets, sender, policy, audit, ids, clock, AlertLinks.NONE);
    }

    /** @param links where test notifications link to in the UI */
    public AlertChannelService(Transactions transactions, AlertChannelRepository channels, AlertRuleRepository rules, DeliveryRepository deliveries,
                               ChannelSecrets secrets, NotificationSender sender, Supplier<DeliveryPolicy> policy, FleetAudit audit, IdGenerator ids,
                               Clock clock, AlertLinks links) {
        this.links = links;
        this.transactions = transactions;
        this.channels = channels;
        this.rules = rules;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.sender = sender;
        this.policy = policy;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public AlertChannel createChannel(SaveAlertChannelCommand c) throws NotFoundFailure, ConflictFailure {
        transactions.inTransaction(() -> audit.environment(c.environment()));
        check(c.kind(), c.settings(), c.secrets());
        AlertChannelId id = new AlertChannelId(ids.newId());
        String sealed = secrets.seal(id, c.secrets());
        return storing(() -> {
            List<StoredChannel> existing = channels.findByEnvironment(c.environment());
            if (existing.size() >= MAX_CHANNELS) {
                throw new InvalidValueException("name", "cannot be added: the environment has the most channels it may have (" + MAX_CHANNELS + ")");
            }
            requireFreeName(existing, c.name(), Optional.empty());
            Instant now = clock.instant();
            AlertChannel channel = new AlertChannel(id, c.environment(), c.name(), c.kind(), c.settings(), c.secrets().keySet(), c.enabled(),
                    c.actor().label(), now, now);
            channels.insert(new StoredChannel(channel, sealed));
            Changes changes = Changes.none().field("name", null, channel.name()).field("kind", null, channel.kind())
                    .field("settings", null, channel.settings().toString()).field("enabled", null, channel.enabled());
            c.secrets().keySet().forEach(k -> changes.secret("secrets." + k, false, true));
            audit.record(c.actor(), "alert-channel.created", "alert-channel", id.toString(), c.environment(), changes);
            return channel;
        });
    }

    @Override
    public AlertChannel updateChannel(AlertChannelId id, SaveAlertChannelCommand c) throws NotFoundFailure, ConflictFailure {
        StoredChannel before = transactions.inTransaction(() -> existing(c.environment(), id));
        if (before.channel().kind() != c.kind()) {
            throw new InvalidValueException("kind", "cannot change (the channel is a " + before.channel().kind().name().toLowerCase(Locale.ROOT)
                    + " channel); create a new channel instead");
        }
        Map<String, String> merged = new HashMap<>(secrets.open(id, before.sealedSecrets()));
        merged.putAll(c.secrets());
        merged.values().removeIf(String::isEmpty);
        check(c.kind(), c.settings(), merged);
        String sealed = secrets.seal(id, merged);
        return storing(() -> {
            requireFreeName(channels.findByEnvironment(c.environment()), c.name(), Optional.of(id));
            AlertChannel after = new AlertChannel(id, c.environment(), c.name(), c.kind(), c.settings(), merged.keySet(), c.enabled(),
                    before.channel().createdBy(), before.channel().createdAt(), clock.instant());
            channels.update(new StoredChannel(after, sealed));
            Changes changes = Changes.none().field("name", before.channel().name(), after.name())
                    .field("settings", before.channel().settings().toString(), after.settings().toString())
                    .field("enabled", before.channel().enabled(), after.enabled());
            c.secrets().keySet().forEach(k -> changes.secret("secrets." + k, before.channel().secretsSet().contains(k), merged.containsKey(k)));
            audit.record(c.actor(), "alert-channel.updated", "alert-channel", id.toString(), c.environment(), changes);
            return after;
        });
    }

    @Override
    public void deleteChannel(Actor actor, EnvironmentId environment, AlertChannelId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            StoredChannel channel = existing(environment, id);
            rules.forgetChannel(id);
            channels.delete(id);
            audit.record(actor, "alert-channel.deleted", "alert-channel", id.toString(), environment,
                    Changes.none().field("name", channel.channel().name(), null));
            return null;
        });
    }

    @Override
    public DeliveryOutcome sendTest(Actor actor, EnvironmentId environment, AlertChannelId id) throws NotFoundFailure {
        StoredChannel channel = transactions.inTransaction(() -> existing(environment, id));
        String environmentName = transactions.inTransaction(() -> audit.environment(environment)).name().value();
        Instant now = clock.instant();
        Notification test = new Notification(ids.newId().toString(), Notification.Event.FIRING, "Test notification", Severity.INFO,
                environmentName, List.of(new Notification.Alert("test/" + id, "A test notification from VectorFlow to the channel '"
                + channel.channel().name() + "'.", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                now, Optional.empty())), now, links.toAlerts(environment), true);
        QueuedDelivery delivery = new QueuedDelivery(new DeliveryId(ids.newId()), id, test, DeliveryStatus.QUEUED, 0, now, now);
        DeliveryOutcome outcome;
        try {
            ChannelTarget target = ChannelTargets.build(channel.channel().kind(), channel.channel().settings(),
                    secrets.open(id, channel.sealedSecrets()));
            outcome = sender.send(target, test, policy.get());
        } catch (RuntimeException e) {
            outcome = new DeliveryOutcome(false, false, java.util.OptionalInt.empty(), java.time.Duration.ZERO,
                    Optional.of("the test could not be sent: " + e.getMessage()));
        }
        DeliveryOutcome result = outcome;
        transactions.inTransaction(() -> {
            deliveries.enqueue(delivery);
            deliveries.recordAttempt(delivery.id(), DeliveryAttempt.of(now, result), result.delivered() ? DeliveryStatus.DELIVERED
                    : DeliveryStatus.DEAD, Optional.empty());
            audit.record(actor, "alert-channel.tested", "alert-channel", id.toString(), environment,
                    Changes.none().field("delivered", null, result.delivered()));
            return null;
        });
        return result;
    }

    /** Runs a write that may find the environment gone or the name taken. */
    private AlertChannel storing(Transactions.UnitOfWork<AlertChannel, DomainFailure> work) throws NotFoundFailure, ConflictFailure {
        try {
            return transactions.inTransaction(work);
        } catch (NotFoundFailure | ConflictFailure e) {
            throw e;
        } catch (DomainFailure e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredChannel existing(EnvironmentId environment, AlertChannelId id) throws NotFoundFailure {
        audit.environment(environment);
        return channels.findById(id).filter(s -> s.channel().environmentId().equals(environment))
                .orElseThrow(() -> new NotFoundFailure("Alert channel", id));
    }

    private static void requireFreeName(List<StoredChannel> existing, String name, Optional<AlertChannelId> self) throws ConflictFailure {
        for (StoredChannel s : existing) {
            if (s.channel().name().equalsIgnoreCase(name) && !self.equals(Optional.of(s.channel().id()))) {
                throw ConflictFailure.onField("name", "A channel named '" + name + "' already exists in this environment");
            }
        }
    }

    /** The settings must be complete and usable, and the sender's guard must accept the address: else every problem at once. */
    private void check(dev.vectorflow.core.alert.ChannelKind kind, Map<String, String> settings, Map<String, String> secretValues) {
        List<InvalidValueException> problems = new ArrayList<>(ChannelTargets.problems(kind, settings, secretValues));
        if (problems.isEmpty()) {
            ChannelTarget target = ChannelTargets.build(kind, settings, secretValues);
            String field = ChannelFields.of(kind).secret().contains("url") ? "secrets.url" : kind == dev.vectorflow.core.alert.ChannelKind.EMAIL
                    ? "settings.host" : "settings.eventsUrl";
            for (String problem : sender.problems(target, policy.get())) {
                problems.add(new InvalidValueException(field, problem));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidValuesException(problems);
        }
    }
}
