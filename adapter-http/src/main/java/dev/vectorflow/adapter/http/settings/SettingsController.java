package dev.vectorflow.adapter.http.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.core.settings.SettingGroup;
import dev.vectorflow.core.settings.SettingType;
import dev.vectorflow.ports.in.settings.SettingsQueries;
import dev.vectorflow.ports.in.settings.SettingsQueries.SettingView;
import dev.vectorflow.ports.in.settings.UpdateSettingsUseCase;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The settings store for platform admins: {@code GET/PUT /api/settings}, grouped as the Settings area shows them. */
public final class SettingsController {

    private final SettingsQueries queries;
    private final UpdateSettingsUseCase update;
    private final JsonBodyReader bodies;

    public SettingsController(SettingsQueries queries, UpdateSettingsUseCase update, JsonBodyReader bodies) {
        this.queries = queries;
        this.update = update;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/settings", Access.platformAdmin(), this::list);
        routes.put("/api/settings", Access.platformAdmin(), this::change);
    }

    private void list(Context ctx) {
        ctx.json(body(queries.listSettings()));
    }

    /** {@code {"values": {"fleet.pollIntervalMs": "5000", "backup.schedule": null}}}: a null puts a setting back to its default. */
    private void change(Context ctx) {
        ObjectNode body = bodies.readObject(ctx);
        List<FieldProblem> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("values")) {
                problems.add(new FieldProblem(name, "is not a known field (known: values)"));
            }
        });
        JsonNode values = body.get("values");
        if (values == null || !values.isObject()) {
            problems.add(new FieldProblem("values", "must be an object of setting keys to text values (or null for the default)"));
            throw ApiProblem.invalid(problems);
        }
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        for (var entry : values.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                changes.put(entry.getKey(), Optional.empty());
            } else if (value.isTextual() || value.isNumber() || value.isBoolean()) {
                changes.put(entry.getKey(), Optional.of(value.asText()));
            } else {
                problems.add(new FieldProblem(entry.getKey(), "must be text, a number, true or false, or null"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        ctx.json(body(update.updateSettings(Caller.of(ctx).actor(), new UpdateSettingsUseCase.UpdateSettingsCommand(changes))));
    }

    private static Map<String, Object> body(List<SettingView> views) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (SettingGroup group : SettingGroup.values()) {
            List<Map<String, Object>> settings = views.stream().filter(v -> v.definition().group() == group).map(SettingsController::setting).toList();
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("name", group.name());
            g.put("label", group.label());
            g.put("settings", settings);
            groups.add(g);
        }
        return Map.of("groups", groups);
    }

    private static Map<String, Object> setting(SettingView v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", v.definition().key());
        s.put("label", v.definition().label());
        s.put("description", v.definition().description());
        s.put("environmentVariable", v.definition().environmentVariable());
        s.put("kind", v.definition().type().kind());
        switch (v.definition().type()) {
            case SettingType.Whole w -> {
                s.put("min", w.min());
                s.put("max", w.max());
                s.put("unit", w.unit());
            }
            case SettingType.Choice c -> s.put("choices", c.choices());
            default -> { }
        }
        s.put("optional", v.definition().type().optional());
        s.put("secret", v.definition().secret());
        s.put("defaultValue", v.definition().defaultValue());
        s.put("value", v.value());
        s.put("secretSet", v.secretSet());
        s.put("source", v.source().name());
        s.put("lockedByEnvironment", v.lockedByEnvironment());
        s.put("restartRequired", v.definition().restartRequired());
        v.updatedAt().ifPresent(t -> s.put("updatedAt", t.toString()));
        v.updatedBy().ifPresent(by -> s.put("updatedBy", by));
        return s;
    }
}
