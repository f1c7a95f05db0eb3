package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an alert's message with {@code {{fact}}} placeholders ({@code rule}, {@code severity}, {@code node},
 * {@code pipeline}, {@code component}, {@code metric}, {@code value}, {@code threshold}, {@code detail}: the log line a log rule matched, the error of a failed agent update or backup,
 * the missing secret); an unknown placeholder is
 * refused when the rule is saved, a fact an alert does not have is written as {@code -}.
 */
public record MessageTemplate(String text) {

    public static final int MAX_LENGTH = 1000;
    public static final Set<String> FACTS = Set.of("rule", "severity", "node", "pipeline", "component", "metric", "value", "threshold",
            "detail");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    public static final MessageTemplate DEFAULT = new MessageTemplate("{{rule}}: {{metric}} {{value}} (threshold {{threshold}}) on {{node}} {{pipeline}} {{component}}");

    /** Without a message, the kinds that carry a detail (a log line, an error, a missing name) show it. */
    public static final MessageTemplate WITH_DETAIL = new MessageTemplate("{{rule}}: {{metric}} {{value}} on {{node}} {{pipeline}} {{component}}: {{detail}}");

    /** The message a rule of this condition gets when none is given. */
    public static MessageTemplate defaultFor(AlertCondition condition) {
        return switch (condition) {
            case AlertCondition.AgentUpdateFailedCondition c -> WITH_DETAIL;
            case AlertCondition.SecretMissingCondition c -> WITH_DETAIL;
            case AlertCondition.BackupFailedCondition c -> WITH_DETAIL;
            case AlertCondition.LogMatchCondition c -> WITH_DETAIL;
            default -> DEFAULT;
        };
    }

    public MessageTemplate {
        text = PlainText.optionalMultiLine("message", text, MAX_LENGTH);
        if (text.isBlank()) {
            throw new InvalidValueException("message", "must not be empty");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!FACTS.contains(m.group(1))) {
                throw new InvalidValueException("message", "names the unknown fact '{{" + m.group(1) + "}}'; known: " + FACTS.stream().sorted().toList());
            }
        }
    }

    /** The message with the facts filled in; blank runs left by missing facts are kept as {@code -}. */
    public String render(Map<String, String> facts) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = facts.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isEmpty() ? "-" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
