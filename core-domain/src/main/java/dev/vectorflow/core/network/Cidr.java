package dev.vectorflow.core.network;

import dev.vectorflow.core.validation.InvalidValueException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR form, parsed without name resolution; {@link #contains} tells whether an address is inside. */
public record Cidr(byte[] network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public Cidr {
        network = network.clone();
    }

    /** Parses {@code address/length}; a bare address is a network of one. */
    public static Cidr parse(String field, String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = addressBytes(address);
        if (bytes == null) {
            throw new InvalidValueException(field, "must list networks like 10.0.0.0/8 or fd00::/8 but '" + text + "' is not one");
        }
        int max = bytes.length * 8;
        int length = max;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > max) {
                throw new InvalidValueException(field, "has '" + text + "' whose prefix length must be from 0 to " + max);
            }
        }
        return new Cidr(bytes, length);
    }

    /** True when {@code address} (4 or 16 bytes) lies in this network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = prefixLength == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefixLength).shiftLeft(bits - prefixLength);
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /** The bytes (4 or 16) of a literal IPv4 or IPv6 address; empty when {@code text} is none (names are never resolved). */
    public static Optional<byte[]> literalAddress(String text) {
        return Optional.ofNullable(addressBytes(text));
    }

    /** The bytes of a literal IPv4 or IPv6 address, or null when {@code text} is none. */
    static byte[] addressBytes(String text) {
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (!IPV6.matcher(text).matches() || !text.contains(":")) {
            return null;
        }
        return ipv6(text);
    }

    private static byte[] ipv6(String text) {
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        int[] head = groups(halves[0]);
        int[] tail = halves.length == 2 ? groups(halves[1]) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if ((halves.length == 1 && total != 8) || (halves.length == 2 && total > 7)) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            bytes[2 * i] = (byte) (head[i] >> 8);
            bytes[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 8 - tail.length + i;
            bytes[2 * at] = (byte) (tail[i] >> 8);
            bytes[2 * at + 1] = (byte) tail[i];
        }
        return bytes;
    }

    private static int[] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 4 || !parts[i].matches("[0-9A-Fa-f]+")) {
                return null;
            }
            values[i] = Integer.parseInt(parts[i], 16);
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return "Cidr[" + HexFormat.of().formatHex(network) + "/" + prefixLength + "]";
    }
}
