package dev.vectorflow.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} and {@code --flag} arguments of a benchmark program, by name (flags map to "true"). */
public final class CommandLine {

    private CommandLine() {
    }

    public static Map<String, String> parse(String[] args, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return values;
    }
}
