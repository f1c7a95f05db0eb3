package dev.vectorflow.adapter.http.settings;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.map;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.core.settings.SettingSource;
import java.util.Arrays;

/** The settings kept in the database in the OpenAPI document. */
public final class SettingsApiDocs {

    private SettingsApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        Schema setting = object().required("key", string()).required("label", string()).required("description", string())
                .required("environmentVariable", string()).required("kind", string())
                .optional("min", integer()).optional("max", integer()).optional("unit", string())
                .optional("choices", array(string()))
                .required("optional", bool()).required("secret", bool())
                .optional("defaultValue", string()).optional("value", string())
                .required("secretSet", bool()).required("source", enumeration(Arrays.stream(SettingSource.values()).map(Enum::name).toArray(String[]::new)))
                .required("lockedByEnvironment", bool()).required("restartRequired", bool())
                .optional("updatedAt", string("date-time")).optional("updatedBy", string());
        Schema groups = object().required("groups", array(object().required("name", string()).required("label", string())
                .required("settings", array(setting))));
        docs.tag("Settings");
        docs.get("/api/settings", "Every stored setting by group: type, range, default, effective value (secrets only whether set) and source")
                .ok(groups);
        docs.put("/api/settings", "Change settings at once (all or none); null puts one back to its default")
                .description("A setting fixed by its environment variable cannot be changed here (the answer says which).")
                .body(object().required("values", map(Schema.scalarOrNull().describedAs("the new value as text (numbers and true/false accepted); null: the default"))))
                .ok(groups);
    }
}
