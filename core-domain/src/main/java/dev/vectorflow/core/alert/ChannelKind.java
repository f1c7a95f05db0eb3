package dev.vectorflow.core.alert;

/** The kinds of notification channel an alert can be delivered to. */
public enum ChannelKind {
    WEBHOOK, SLACK, TEAMS, PAGERDUTY, EMAIL
}
