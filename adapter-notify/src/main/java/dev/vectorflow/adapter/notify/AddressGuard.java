package dev.vectorflow.adapter.notify;

import dev.vectorflow.core.network.Cidr;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which addresses a notification may be sent to: loopback, link-local (cloud metadata), private, unique-local,
 * carrier-grade NAT, unspecified, multicast and reserved addresses are refused, also when wrapped in an IPv6 form
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4), unless the policy's allowed networks hold them. A host name is resolved
 * once; the caller then connects only to the addresses this guard returned.
 */
final class AddressGuard {

    /** A blocked range and the word people see for it. */
    private record Range(Cidr network, String name) {
        static Range of(String cidr, String name) {
            return new Range(Cidr.parse("blocked", cidr), name);
        }
    }

    private static final List<Range> BLOCKED = List.of(
            Range.of("0.0.0.0/8", "unspecified"),
            Range.of("10.0.0.0/8", "private"),
            Range.of("100.64.0.0/10", "carrier-grade NAT"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local"),
            Range.of("172.16.0.0/12", "private"),
            Range.of("192.0.0.0/24", "reserved"),
            Range.of("192.168.0.0/16", "private"),
            Range.of("198.18.0.0/15", "reserved"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("240.0.0.0/4", "reserved"),
            Range.of("::/128", "unspecified"),
            Range.of("::1/128", "loopback"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local"),
            Range.of("fc00::/7", "unique-local"),
            Range.of("ff00::/8", "multicast"));

    /** IPv6 prefixes that carry an IPv4 address, and where its four bytes sit. */
    private record Embedding(Cidr prefix, int offset) {
    }

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(Cidr.parse("embedding", "::ffff:0:0/96"), 12),
            new Embedding(Cidr.parse("embedding", "::/96"), 12),
            new Embedding(Cidr.parse("embedding", "64:ff9b::/96"), 12),
            new Embedding(Cidr.parse("embedding", "2002::/16"), 2));

    /** How resolving a host came out: the checked addresses, or why none may be used. */
    sealed interface Resolution {

        /** Why the host cannot be used, for {@code problems}; empty when it can. */
        default Optional<String> problem() {
            return switch (this) {
                case Allowed allowed -> Optional.empty();
                case Refused refused -> Optional.of(refused.reason());
                case Unresolvable unresolvable -> Optional.of(unresolvable.reason());
            };
        }

        /** Every address the host has, each checked. */
        record Allowed(String host, List<InetAddress> addresses) implements Resolution {
            public Allowed {
                addresses = List.copyOf(addresses);
            }
        }

        /** At least one address is refused (a host with one bad address is refused whole); {@code reason} names it. */
        record Refused(String reason) implements Resolution {
        }

        /** The name does not resolve; may be temporary. */
        record Unresolvable(String reason) implements Resolution {
        }
    }

    private final HostResolver resolver;

    AddressGuard(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** Looks up host names; the JDK's resolver in production, a fixed table where a test needs one. */
    @FunctionalInterface
    interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        static HostResolver system() {
            return host -> Arrays.asList(InetAddress.getAllByName(host));
        }
    }

    /** Resolves {@code host} once (a literal address is not looked up) and checks every address. */
    Resolution resolve(String host, DeliveryPolicy policy) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        Optional<byte[]> literal = Cidr.literalAddress(bare);
        try {
            addresses = literal.isPresent() ? List.of(InetAddress.getByAddress(literal.get())) : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return new Resolution.Unresolvable("host '" + Texts.clean(bare, 100) + "' does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Resolution.Unresolvable("host '" + Texts.clean(bare, 100) + "' does not resolve");
        }
        List<String> refused = new ArrayList<>();
        for (InetAddress address : addresses) {
            refusal(address.getAddress(), policy).ifPresent(why -> refused.add(address.getHostAddress() + " (" + why + ")"));
        }
        if (!refused.isEmpty()) {
            String subject = literal.isPresent() ? "address " : "host '" + Texts.clean(bare, 100) + "' resolves to ";
            return new Resolution.Refused(subject + String.join(", ", refused)
                    + ", which is refused unless the alert settings allow its network");
        }
        return new Resolution.Allowed(bare.toLowerCase(Locale.ROOT), addresses);
    }

    /** Why {@code address} (4 or 16 bytes) is refused under {@code policy}; empty when it may be used. */
    static Optional<String> refusal(byte[] address, DeliveryPolicy policy) {
        byte[] embedded = embeddedIpv4(address);
        for (Cidr allowed : policy.allowedPrivateNetworks()) {
            if (allowed.contains(address) || embedded != null && allowed.contains(embedded)) {
                return Optional.empty();
            }
        }
        for (Range range : BLOCKED) {
            if (range.network().contains(address)) {
                return Optional.of(range.name());
            }
        }
        if (embedded != null) {
            return refusal(embedded, policy).map(why -> why + ", inside an IPv6 address");
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address wraps (mapped, compatible, NAT64, 6to4), or null. */
    private static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (embedding.prefix().contains(address)) {
                return Arrays.copyOfRange(address, embedding.offset(), embedding.offset() + 4);
            }
        }
        return null;
    }
}
