package dev.vectorflow.core.promotion;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.util.List;
import java.util.Objects;

/**
 * An environment-specific value of a promotion: in the promoted version, the option at {@code option} (map keys joined by
 * dots, e.g. {@code endpoint} or {@code auth.user}) of component {@code component} becomes {@code value}. A value is
 * text (one line or several, no other control characters, at most {@value #MAX_TEXT_LENGTH} characters), a whole
 * number, a decimal number or a flag.
 */
public record ValueMapping(ComponentKey component, String option, Object value) {

    public static final int MAX_TEXT_LENGTH = 4096;
    public static final int MAX_OPTION_LENGTH = 300;
    /** How many mappings one promotion may carry. */
    public static final int MAX_MAPPINGS = 100;

    public ValueMapping {
        Objects.requireNonNull(component, "component");
        option = PlainText.requireSingleLine("option", option, MAX_OPTION_LENGTH);
        for (String key : keys(option)) {
            if (key.isEmpty()) {
                throw new InvalidValueException("option", "must be option names joined by '.' but was '" + option + "'");
            }
        }
        value = switch (value) {
            case String text -> PlainText.optionalMultiLine("value", text, MAX_TEXT_LENGTH);
            case Boolean flag -> flag;
            case Long number -> number;
            case Integer number -> number.longValue();
            case Double number when Double.isFinite(number) -> number;
            case null -> throw new InvalidValueException("value", "must be text, a number or true/false but was missing");
            default -> throw new InvalidValueException("value", "must be text, a number or true/false but was " + value);
        };
    }

    /** The option names from the component's top level down. */
    public List<String> path() {
        return keys(option);
    }

    private static List<String> keys(String option) {
        return List.of(option.split("\\.", -1));
    }
}
