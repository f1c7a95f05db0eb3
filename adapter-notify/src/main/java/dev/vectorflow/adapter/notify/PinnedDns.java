package dev.vectorflow.adapter.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import okhttp3.Dns;

/**
 * OkHttp's name lookup for one delivery: answers with the addresses the guard already checked for the one host, and
 * refuses every other name, so the connection goes to an address that was checked and DNS is asked only once.
 */
final class PinnedDns implements Dns {

    private final String host;
    private final List<InetAddress> addresses;

    PinnedDns(String host, List<InetAddress> addresses) {
        this.host = host.toLowerCase(Locale.ROOT);
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        if (!hostname.toLowerCase(Locale.ROOT).equals(host)) {
            throw new UnknownHostException("'" + Texts.clean(hostname, 100) + "' was not checked by the address guard");
        }
        return addresses;
    }
}
