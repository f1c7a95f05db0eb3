package dev.vectorflow.adapter.notify;

import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.Notification;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * One alert e-mail over SMTP with Eclipse Angus Mail, behind the {@link AddressGuard}: the server's host is resolved and
 * checked once and the socket goes to that address ({@link PinnedSocketFactory}); STARTTLS is required when the channel
 * asks for it (the certificate checked against the host name); a username turns on authentication; the policy's
 * timeout bounds each step and, by closing the socket, the whole conversation.
 */
final class SmtpDelivery {

    /** At most this many recipients per channel; a longer list is a mailing list's job. */
    static final int MAX_RECIPIENTS = 50;

    private final AddressGuard guard;
    private final Optional<SSLSocketFactory> startTls;

    /** {@code startTls}: the TLS client for STARTTLS; empty for the JDK's default (its trust store). */
    SmtpDelivery(AddressGuard guard, Optional<SSLSocketFactory> startTls) {
        this.guard = guard;
        this.startTls = startTls;
    }

    /** Every reason the e-mail channel cannot be used: host, port, addresses, the guard. */
    List<String> problems(ChannelTarget.Email target, DeliveryPolicy policy) {
        List<String> problems = channelProblems(target);
        if (!target.host().isBlank()) {
            guard.resolve(target.host(), policy).problem().ifPresent(problem -> problems.add("'host': " + problem));
        }
        return problems;
    }

    /** What is wrong with the channel itself, without looking up its host. */
    private static List<String> channelProblems(ChannelTarget.Email target) {
        List<String> problems = new ArrayList<>();
        if (target.host().isBlank()) {
            problems.add("'host' must name the SMTP server");
        }
        if (target.port() < 1 || target.port() > 65535) {
            problems.add("'port' must be from 1 to 65535 but was " + target.port());
        }
        addressProblem("from", target.from()).ifPresent(problems::add);
        if (target.to().isEmpty()) {
            problems.add("'to' must name at least one recipient");
        } else if (target.to().size() > MAX_RECIPIENTS) {
            problems.add("'to' may name at most " + MAX_RECIPIENTS + " recipients but has " + target.to().size());
        } else {
            target.to().forEach(to -> addressProblem("to", to).ifPresent(problems::add));
        }
        if (target.username().isPresent() && target.username().get().isBlank()) {
            problems.add("'username' must not be blank when given");
        }
        return problems;
    }

    DeliveryOutcome send(ChannelTarget.Email target, Notification n, DeliveryPolicy policy) {
        long started = System.nanoTime();
        List<String> invalid = channelProblems(target);
        if (!invalid.isEmpty()) {
            return Outcomes.failed(false, OptionalInt.empty(), started, String.join("; ", invalid));
        }
        AddressGuard.Resolution resolution = guard.resolve(target.host(), policy);
        if (!(resolution instanceof AddressGuard.Resolution.Allowed allowed)) {
            return Outcomes.refused(resolution, started);
        }
        PinnedSocketFactory sockets = new PinnedSocketFactory(allowed.addresses().getFirst());
        Session session = Session.getInstance(properties(target, policy, sockets, startTls));
        // The whole conversation may not outlast the policy's timeout: closing the socket ends a slow server's turn.
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(policy.timeout());
                sockets.closeAll();
            } catch (InterruptedException finished) {
                Thread.currentThread().interrupt();
            }
        });
        Transport transport = null;
        try {
            MimeMessage message = message(session, target, n);
            transport = session.getTransport("smtp");
            transport.connect(target.host(), target.port(), target.username().orElse(null), target.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
            return Outcomes.delivered(OptionalInt.empty(), started);
        } catch (MessagingException e) {
            return failure(e, started, Outcomes.took(started).compareTo(policy.timeout()) >= 0);
        } finally {
            watchdog.interrupt();
            closeQuietly(transport);
        }
    }

    private static Properties properties(ChannelTarget.Email target, DeliveryPolicy policy, PinnedSocketFactory sockets,
                                         Optional<SSLSocketFactory> startTls) {
        String millis = Long.toString(Math.max(1, policy.timeout().toMillis()));
        Properties props = new Properties();
        props.put("mail.smtp.host", target.host());
        props.put("mail.smtp.port", Integer.toString(target.port()));
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.socketFactory", sockets);
        props.put("mail.smtp.socketFactory.fallback", "false");
        props.put("mail.smtp.starttls.enable", Boolean.toString(target.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(target.startTls()));
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        startTls.ifPresent(tls -> props.put("mail.smtp.ssl.socketFactory", tls));
        props.put("mail.smtp.auth", Boolean.toString(target.username().isPresent()));
        return props;
    }

    private static MimeMessage message(Session session, ChannelTarget.Email target, Notification n) throws MessagingException {
        MimeMessage message = new StableIdMessage(session, "<" + n.eventId().replaceAll("[^A-Za-z0-9._-]", "") + "@vectorflow>");
        message.setFrom(new InternetAddress(target.from(), true));
        for (String to : target.to()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        }
        message.setSubject(NotificationText.subject(n), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(n.at()));
        message.setText(EmailText.body(n), StandardCharsets.UTF_8.name());
        message.setHeader("X-VectorFlow-Event", NotificationText.eventKey(n));
        return message;
    }

    /** Why {@code address} is not one mailbox (strict RFC 822 syntax, no line breaks); empty when it is. */
    static Optional<String> addressProblem(String field, String address) {
        String shown = Texts.clean(address, 100);
        if (address.isBlank() || address.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("'" + field + "' has '" + shown + "', which is not an e-mail address");
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.isGroup() || !parsed.getAddress().contains("@")) {
                return Optional.of("'" + field + "' has '" + shown + "', which is not one e-mail address");
            }
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of("'" + field + "' has '" + shown + "', which is not an e-mail address");
        }
    }

    /**
     * Temporary trouble (4xx replies, lost or timed-out connections) may pass; a rejected login, a 5xx reply, a refused
     * address or a failed TLS handshake will not.
     */
    private static DeliveryOutcome failure(MessagingException e, long started, boolean timedOut) {
        OptionalInt code = replyCode(e);
        Throwable cause = rootIoCause(e);
        boolean tls = cause instanceof SSLException;
        boolean retryable;
        String what;
        if (e instanceof AuthenticationFailedException) {
            retryable = false;
            what = "the SMTP server refused the login";
        } else if (code.isPresent()) {
            retryable = code.getAsInt() >= 400 && code.getAsInt() < 500;
            what = "the SMTP server did not take the message";
        } else if (timedOut || cause instanceof InterruptedIOException) {
            retryable = true;
            what = "timed out";
        } else if (tls) {
            retryable = false;
            what = "TLS with the SMTP server failed";
        } else if (cause != null) {
            retryable = true;
            what = "could not talk to the SMTP server";
        } else {
            retryable = false;
            what = "the SMTP server did not take the message";
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (cause != null && cause.getMessage() != null && !detail.contains(cause.getMessage())) {
            detail = detail + " (" + cause.getMessage() + ")";
        }
        return Outcomes.failed(retryable, code, started, what + ": " + Texts.clean(detail, 200));
    }

    private static OptionalInt replyCode(MessagingException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 10; t = next(t)) {
            switch (t) {
                case SMTPAddressFailedException f -> {
                    return OptionalInt.of(f.getReturnCode());
                }
                case SMTPSenderFailedException f -> {
                    return OptionalInt.of(f.getReturnCode());
                }
                case SMTPSendFailedException f -> {
                    return OptionalInt.of(f.getReturnCode());
                }
                default -> {
                }
            }
        }
        return OptionalInt.empty();
    }

    private static Throwable rootIoCause(MessagingException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 10; t = next(t)) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    /** Once the message is taken, a failed QUIT must not turn the delivery into a failure (and a duplicate on retry). */
    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException afterDelivery) {
            // the server has the message or the failure is already reported
        }
    }

    /** The next link of a failure's chain: Jakarta Mail keeps it as the "next exception". */
    private static Throwable next(Throwable t) {
        return t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
    }

    /** A message whose Message-ID comes from the notification's event id, so a retried delivery is recognisably the same. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
