package dev.vectorflow.adapter.postgres.planted;

import jakarta.mail.internet.InternetAddress;

/** Planted violation: a mail client outside adapter-notify, where no address guard stands before it. */
public final class PostgresSendingMail {

    public String recipient(String address) throws Exception {
        return new InternetAddress(address, true).getAddress();
    }
}
