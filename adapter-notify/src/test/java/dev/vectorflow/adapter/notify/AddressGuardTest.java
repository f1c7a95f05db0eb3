package dev.vectorflow.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.network.Cidr;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address guard both ways, on real sockets: what it refuses by default, what the policy's networks let through. */
class AddressGuardTest {

    private final GuardedNotificationSender sender = new GuardedNotificationSender(Clock.systemUTC());
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static ChannelTarget.Slack slack(URI url) {
        return new ChannelTarget.Slack(url);
    }

    @Test
    void givenTheDefaultPolicy_aReceiverOnLoopback_isRefusedWithoutAnyRequest_andNotRetried() {
        DeliveryOutcome outcome = sender.send(slack(receiver.url("/hook")), Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")),
                Fixtures.strict());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.statusCode()).isEmpty();
        assertThat(outcome.error()).get().asString().contains("127.0.0.1 (loopback)");
        assertThat(receiver.received()).isEmpty();
        assertThat(sender.problems(slack(receiver.url("/hook")), Fixtures.strict())).singleElement().asString()
                .contains("'webhookUrl'").contains("127.0.0.1 (loopback)");
    }

    @Test
    void givenLoopbackInThePolicysNetworks_theSameReceiver_getsTheMessage() {
        DeliveryOutcome outcome = sender.send(slack(receiver.url("/hook")), Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")),
                Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(receiver.received()).hasSize(1);
        assertThat(sender.problems(slack(receiver.url("/hook")), Fixtures.loopbackAllowed())).isEmpty();
    }

    @Test
    void givenAHostNameResolvingToLoopback_likeLocalhost_itIsRefusedByDefault() {
        URI url = URI.create("http://localhost:" + receiver.port() + "/hook");

        DeliveryOutcome outcome = sender.send(slack(url), Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.strict());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).get().asString().contains("host 'localhost' resolves to").contains("(loopback)");
        assertThat(receiver.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "http://169.254.169.254/latest/meta-data/, link-local",
            "http://10.1.2.3/hook, private",
            "http://172.20.0.1/hook, private",
            "http://192.168.1.10/hook, private",
            "http://100.64.0.1/hook, carrier-grade NAT",
            "http://0.0.0.0/hook, unspecified",
            "http://224.0.0.1/hook, multicast",
            "'http://[::1]/hook', loopback",
            "'http://[fe80::1]/hook', link-local",
            "'http://[fd00::1]/hook', unique-local",
            "'http://[::]/hook', unspecified",
            "'http://[::ffff:169.254.169.254]/hook', link-local",
            "'http://[::ffff:127.0.0.1]/hook', loopback",
            "'http://[::ffff:7f00:1]/hook', loopback",
            "http://2130706433/hook, loopback",
            "'http://[64:ff9b::a00:1]/hook', private",
            "'http://[2002:c0a8:0101::1]/hook', private"})
    void givenTheDefaultPolicy_blockedAddresses_areNamedInTheProblems(String url, String kind) {
        assertThat(sender.problems(slack(URI.create(url)), Fixtures.strict())).singleElement().asString().contains("(" + kind);
    }

    @Test
    void givenAPublicAddress_theGuardHasNoObjection() {
        DeliveryPolicy policy = Fixtures.strict();

        assertThat(AddressGuard.refusal(new byte[] {93, (byte) 184, (byte) 216, 34}, policy)).isEmpty();
        assertThat(AddressGuard.refusal(Cidr.literalAddress("2606:4700::6810:84e5").orElseThrow(), policy)).isEmpty();
        assertThat(AddressGuard.refusal(Cidr.literalAddress("172.32.0.1").orElseThrow(), policy)).isEmpty();
    }

    @Test
    void givenAnIpv4MappedLoopbackAddress_theAllowedIpv4NetworkCoversIt() {
        assertThat(AddressGuard.refusal(Cidr.literalAddress("::ffff:7f00:1").orElseThrow(), Fixtures.loopbackAllowed())).isEmpty();
        assertThat(AddressGuard.refusal(Cidr.literalAddress("::ffff:a00:1").orElseThrow(), Fixtures.loopbackAllowed()))
                .hasValue("private, inside an IPv6 address");
        assertThat(AddressGuard.refusal(Cidr.literalAddress("::ffff:a9fe:a9fe").orElseThrow(), Fixtures.strict()))
                .hasValue("link-local, inside an IPv6 address");
    }

    @Test
    void givenANameThatDoesNotResolve_problemsSaysSo_andSendMayBeRetried() {
        var sender = new GuardedNotificationSender(Clock.systemUTC(), host -> {
            throw new UnknownHostException(host);
        });
        var target = slack(URI.create("https://hooks.example.invalid/services/x"));

        assertThat(sender.problems(target, Fixtures.strict())).singleElement().asString()
                .contains("host 'hooks.example.invalid' does not resolve");
        DeliveryOutcome outcome = sender.send(target, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.strict());
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
    }

    @Test
    void givenANameWithOnePrivateAddressAmongPublicOnes_theWholeHostIsRefused() {
        var sender = new GuardedNotificationSender(Clock.systemUTC(), host -> List.of(
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})));

        assertThat(sender.problems(slack(URI.create("https://mixed.example/hook")), Fixtures.strict())).singleElement().asString()
                .contains("host 'mixed.example' resolves to 10.0.0.7 (private)").doesNotContain("93.184.216.34");
    }

    @Test
    void givenADnsAnswerThatChangesAfterTheCheck_theDeliveryGoesToTheCheckedAddress_andAsksOnce() {
        AtomicInteger lookups = new AtomicInteger();
        // rebinding: the first answer is the allowed loopback receiver, any later one a metadata address
        var sender = new GuardedNotificationSender(Clock.systemUTC(), host -> List.of(InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {127, 0, 0, 1} : new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})));
        var target = slack(URI.create("http://hooks.rebind.test:" + receiver.port() + "/hook"));

        DeliveryOutcome outcome = sender.send(target, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(lookups).hasValue(1);
        assertThat(receiver.only().header("Host")).isEqualTo("hooks.rebind.test:" + receiver.port());
    }

    @Test
    void givenSchemesOtherThanHttp_problemsRefuseThem_andSendPostsNothing() {
        for (String url : List.of("ftp://example.com/x", "file:///etc/passwd", "gopher://127.0.0.1:70/", "mailto:a@example.com")) {
            var target = new ChannelTarget.Webhook(URI.create(url), StandardWebhookSignature.newSecret(new java.util.Random(1)), Map.of());
            assertThat(sender.problems(target, Fixtures.loopbackAllowed())).as(url).singleElement().asString()
                    .contains("must be an http or https URL");
            assertThat(sender.send(target, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed()).retryable())
                    .isFalse();
        }
    }

    @Test
    void givenAnSmtpHostOnLoopback_theDefaultPolicyRefusesIt_beforeAnyConnection() {
        var email = new ChannelTarget.Email("127.0.0.1", 25, false, Optional.empty(), Optional.empty(), "vf@example.com",
                List.of("ops@example.com"));

        assertThat(sender.problems(email, Fixtures.strict())).singleElement().asString().contains("'host'").contains("(loopback)");
        DeliveryOutcome outcome = sender.send(email, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")),
                new DeliveryPolicy(List.of(), Duration.ofSeconds(1)));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
    }
}
