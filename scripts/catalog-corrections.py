#!/usr/bin/env python3
"""Applies VectorFlow's corrections to Vector's component catalog (components.json, MPL-2.0).

    python3 scripts/catalog-corrections.py upstream/components.json \
        > adapter-vector/src/main/resources/dev/vectorflow/adapter/vector/catalog/components.json

The upstream file lists, for objects that Vector reads as one of several shapes (untagged or
externally tagged enums in its Rust sources), the union of every shape's fields. Each correction
below was checked against the Rust source of that option (named in its note) and is recorded in
the output's `_about.vectorflow_corrections`. The layout of the file (one component or option per
line) is kept, so a diff against upstream shows exactly what changed. Running it twice changes
nothing more.
"""
import json
import sys

GENERIC_COMPRESSION = ["gzip", "none", "snappy", "zlib", "zstd"]

AWS_VARIANTS = [
    {"required": ["access_key_id", "secret_access_key"],
     "optional": ["session_token", "assume_role", "external_id", "region", "session_name"]},
    {"required": ["credentials_file"], "optional": ["profile", "region"]},
    {"required": ["assume_role"], "optional": ["external_id", "load_timeout_secs", "imds", "region", "session_name"]},
    {"required": [], "optional": ["load_timeout_secs", "imds", "region"]},
]
AWS_NOTE = ("untagged union with deny_unknown_fields (src/aws/auth.rs AwsAuthentication): static keys "
            "(optionally with a session token, or assuming a role with them), a credentials file (with its "
            "profile), an assumed role, or no credential field (the default chain); each shape takes only its "
            "own fields")

CORRECTIONS = [
    "AWS `auth` (every option with the untagged AwsAuthentication variants): access keys may come with "
    "session_token and with assume_role/external_id/session_name/region (they are assumed with the keys); "
    "profile goes only with credentials_file; imds and load_timeout_secs only with assume_role or the "
    "default chain (src/aws/auth.rs, deny_unknown_fields)",
    "sink `buffer` (common option): also a list of buffer stages, a chained buffer "
    "(lib/vector-buffers/src/config.rs, untagged BufferConfig: Single | Chained)",
    "`compression` of the sinks whose values are gzip/none/snappy/zlib/zstd: also an object "
    "{algorithm, level} (src/sinks/util/buffer/compression.rs, a string or a map; the map form is "
    "hidden in Vector's docs)",
    "source `pulsar` `auth`: name + token, or oauth2, not all three (src/sources/pulsar.rs, untagged "
    "AuthConfig with deny_unknown_fields)",
    "source `static_metrics` `metrics[].value`: exactly one of counter, gauge, set, distribution, "
    "aggregated_histogram, aggregated_summary, sketch (MetricValue, an externally tagged enum)",
]


def correct_option(option, component):
    changed = False
    if option.get("variants") and any(isinstance(v, list) and "access_key_id" in v for v in option["variants"]):
        option["variants"] = AWS_VARIANTS
        option["note"] = AWS_NOTE
        changed = True
    if option.get("name") == "compression" and option.get("type") == "string" \
            and sorted(option.get("enum", [])) == GENERIC_COMPRESSION:
        option["type"] = ["string", "object"]
        option["options"] = [
            {"name": "algorithm", "type": "string", "required": True, "enum": GENERIC_COMPRESSION},
            {"name": "level", "type": ["string", "uint"], "required": False, "enum": ["best", "default", "fast", "none"]},
        ]
        option["note"] = ("a string, or (hidden in Vector's docs) an object {algorithm, level}; level is "
                          "none/default/best/fast or a number")
        changed = True
    if component == ("source", "pulsar") and option.get("name") == "auth":
        for child in option.get("options", []):
            if child["name"] in ("name", "token", "oauth2"):
                child["required"] = False
        option["variants"] = [["name", "token"], ["oauth2"]]
        option["note"] = "untagged union (src/sources/pulsar.rs AuthConfig): name + token, or oauth2"
        changed = True
    if component == ("source", "static_metrics") and option.get("name") == "value" and option.get("type") == "object":
        for child in option.get("options", []):
            child["required"] = False
        option["variants"] = [[child["name"]] for child in option.get("options", [])]
        option["note"] = "externally tagged enum MetricValue: exactly one kind of value"
        changed = True
    for child in option.get("options", []):
        changed |= correct_option(child, component)
    items = option.get("items")
    if isinstance(items, dict):
        for child in items.get("options", []):
            changed |= correct_option(child, component)
    return changed


def correct_buffer(option):
    if option.get("name") != "buffer" or option.get("type") != "object":
        return False
    stage = {"type": "object", "options": option["options"]}
    option["type"] = ["object", "array"]
    option["items"] = stage
    option["note"] = ("one buffer stage, or a list of stages (a chained buffer); memory buffers take max_events "
                      "(default 500) or max_size, not both; disk buffers need max_size")
    return True


def main(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for line in lines:
        trailing = "," if line.endswith(",") else ""
        body = line[:-1] if trailing else line
        if line.startswith('{"kind":'):
            entry = json.loads(body)
            for option in entry.get("options", []):
                correct_option(option, (entry["kind"], entry["type"]))
            line = dump(entry) + trailing
        elif any(line.startswith('"%s":[' % kind) for kind in ("source", "transform", "sink")):
            kind, options = body.split(":", 1)
            options = json.loads(options)
            for option in options:
                if kind == '"sink"':
                    correct_buffer(option)
                correct_option(option, ("common", kind))
            line = kind + ":" + dump(options) + trailing
        out.append(line)
    sys.stdout.write(add_about("\n".join(out)))


def dump(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def add_about(text):
    if '"vectorflow_corrections"' in text:
        return text
    marker = '\n "vector_version"'
    entry = '\n "vectorflow_corrections": ' + json.dumps(CORRECTIONS, ensure_ascii=False) + ','
    return text.replace(marker, entry + marker, 1)


if __name__ == "__main__":
    main(sys.argv[1])
