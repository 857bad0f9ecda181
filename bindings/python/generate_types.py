"""Writes python/incident_response/types.py from the crate's JSON Schemas.

The types of the package are not written by hand: each input and answer
of the JSON contract has a JSON Schema in the crate (``incident-response
schema NAME``, ``incident_response.schema(NAME)``), and this turns every
one of them into ``TypedDict``s and ``Literal``s. A test
(tests/test_types.py) runs it and fails when the committed file differs,
so the types cannot drift from the code.

    python generate_types.py          # rewrite types.py
    python generate_types.py --check  # exit 1 if it would change
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from pathlib import Path
from typing import Any

import incident_response

TARGET = Path(__file__).parent / "python" / "incident_response" / "types.py"

# Names the schemas use that would mislead in Python.
RENAMED = {"Answer": "StepAnswer", "Value": "PolicyValue", "Standard": "StandardApplied"}


def name_of(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


class Writer:
    def __init__(self) -> None:
        # name -> (kind, schema): kind "dict" for TypedDicts, "alias" else.
        self.defs: dict[str, dict[str, Any]] = {}
        self.origin: dict[str, str] = {}
        self.order: list[str] = []
        # The names of the schema being read: its own $defs, renamed where
        # another schema has a def of that name that differs.
        self.local: dict[str, str] = {}
        # Aliases of unions of TypedDicts, written after every class.
        self.late: list[str] = []

    def read(self, schema_name: str, schema: dict[str, Any]) -> None:
        """Adds the schema and its defs, naming each once."""
        defs = schema.pop("$defs", {})
        schema.pop("$schema", None)
        title = schema.pop("title")
        origin = RENAMED.get(title, title)
        self.local = {d: RENAMED.get(d, d) for d in defs}
        # Until nothing changes: a def renamed changes those that name it.
        for _ in range(len(defs) + 1):
            renamed = {}
            for def_name, definition in defs.items():
                candidate = self.local[def_name]
                if candidate in self.defs and self.defs[candidate] != self.resolved(definition):
                    candidate = f"{candidate}In{origin}"
                renamed[def_name] = candidate
            if renamed == self.local:
                break
            self.local = renamed
        for def_name, definition in defs.items():
            self.store(self.local[def_name], self.resolved(definition), schema_name)
        self.store(origin, self.resolved(schema), schema_name)

    def store(self, name: str, schema: dict[str, Any], origin: str) -> None:
        if name in self.defs:
            if self.defs[name] != schema:
                raise SystemExit(f"{name}: two schemas define it differently ({origin})")
            return
        self.defs[name] = schema
        self.origin[name] = origin
        self.order.append(name)

    def resolved(self, schema: Any) -> Any:
        """The schema with its refs to this schema's defs by their names."""
        if isinstance(schema, dict):
            out = {}
            for key, value in schema.items():
                if key == "$ref":
                    out[key] = "#/$defs/" + self.local.get(value.rsplit("/", 1)[-1], name_of(value))
                else:
                    out[key] = self.resolved(value)
            return out
        if isinstance(schema, list):
            return [self.resolved(v) for v in schema]
        return schema

    # --- types -----------------------------------------------------------

    def type_of(self, schema: dict[str, Any], context: str) -> str:
        if "$ref" in schema:
            return name_of(schema["$ref"])
        if "const" in schema:
            return f"Literal[{json.dumps(schema['const'])}]"
        if "enum" in schema:
            return "Literal[" + ", ".join(json.dumps(v) for v in schema["enum"]) + "]"
        for union in ("oneOf", "anyOf"):
            if union in schema:
                return self.union(schema[union], context)
        kind = schema.get("type")
        if isinstance(kind, list):
            parts = [self.type_of({**schema, "type": k}, context) for k in kind]
            return " | ".join(dict.fromkeys(parts))
        if kind == "string":
            return "Timestamp" if schema.get("format") == INPUT_TIME else "str"
        if kind == "integer":
            return "int"
        if kind == "number":
            return "float"
        if kind == "boolean":
            return "bool"
        if kind == "null":
            return "None"
        if kind == "array":
            if "prefixItems" in schema:
                items = ", ".join(self.type_of(i, context) for i in schema["prefixItems"])
                return f"tuple[{items}]"
            return f"list[{self.type_of(schema.get('items', {}), context)}]"
        if kind == "object":
            if "properties" in schema:
                self.store(context, schema, context)
                return context
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                return f"dict[str, {self.type_of(extra, context)}]"
            return "dict[str, Any]"
        return "Any"

    def union(self, variants: list[dict[str, Any]], context: str) -> str:
        if all("const" in v for v in variants):
            return "Literal[" + ", ".join(json.dumps(v["const"]) for v in variants) + "]"
        parts = []
        for i, variant in enumerate(variants):
            tags = [f["const"] for f in (variant.get("properties") or {}).values() if "const" in f]
            words = re.split(r"[^A-Za-z0-9]+", str(tags[0])) if tags else [str(i)]
            suffix = "".join(w[:1].upper() + w[1:] for w in words)
            parts.append(self.type_of(variant, context + suffix))
        return " | ".join(dict.fromkeys(parts))

    # --- definitions -----------------------------------------------------

    def define(self, name: str, schema: dict[str, Any]) -> str:
        description = schema.get("description", "").strip()
        if "properties" in schema and "oneOf" in schema:
            return self.flattened(name, schema, description)
        if schema.get("type") == "object" and "properties" in schema:
            return self.typed_dict(name, schema, description)
        alias = self.type_of(schema, name)
        doc = f'\n"""{escape(description)}"""\n' if description else ""
        return f"{name}: TypeAlias = {alias}{doc}"

    def flattened(self, name: str, schema: dict[str, Any], description: str) -> str:
        """An object whose fields depend on a tag (`"state": "watching"`): a
        union of one TypedDict per variant, each with the common fields."""
        variants = []
        blocks = []
        for i, variant in enumerate(schema["oneOf"]):
            tags = [f["const"] for f in variant.get("properties", {}).values() if "const" in f]
            words = re.split(r"[^A-Za-z0-9]+", str(tags[0])) if tags else [str(i)]
            label = name + "".join(w[:1].upper() + w[1:] for w in words)
            merged = {
                "description": (variant.get("description", "") + "\n\n" + description).strip(),
                "type": "object",
                "properties": {**variant.get("properties", {}), **schema["properties"]},
                "required": variant.get("required", []) + schema.get("required", []),
            }
            if "id" in schema["properties"] and "id" not in schema.get("required", []):
                merged["required"] = [r for r in merged["required"] if r != "id"]
            blocks.append(self.typed_dict(label, merged, merged["description"]))
            variants.append(label)
        alias = f"{name}: TypeAlias = " + " | ".join(variants)
        self.late.append(alias + (f'\n"""{escape(description)}"""\n' if description else ""))
        return "\n\n\n".join(blocks)

    def typed_dict(self, name: str, schema: dict[str, Any], description: str) -> str:
        required = set(schema.get("required", []))
        fields = []
        for key, field in schema["properties"].items():
            if not key.isidentifier() or keyword.iskeyword(key):
                raise SystemExit(f"{name}.{key} is not a Python name")
            context = name + "".join(p.capitalize() for p in key.split("_"))
            kind = self.type_of(field, context)
            fields.append((key, kind, field.get("description", "").strip(), key in required))
        doc = escape(description) or name
        must = [f for f in fields if f[3]]
        may = [f for f in fields if not f[3]]
        if must and may:
            # The fields an input must give, and those it may leave out.
            head = [f"class _{name}Required(TypedDict):", f'    """The fields a `{name}` must have."""']
            head += body(must)
            head += ["", "", f"class {name}(_{name}Required, total=False):", f'    """{doc}"""']
            return "\n".join(head + body(may))
        total = "" if must or not fields else ", total=False"
        lines = [f"class {name}(TypedDict{total}):", f'    """{doc}"""']
        return "\n".join(lines + body(fields))


def body(fields: list[tuple[str, str, str, bool]]) -> list[str]:
    lines = []
    for key, kind, doc, _ in fields:
        lines.append("")
        lines.append(f"    {key}: {kind}")
        if doc:
            lines.append(f'    """{escape(doc)}"""')
    return lines


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return text.replace("\n", "\n    ")


def generate() -> str:
    writer = Writer()
    for schema_name in incident_response.schemas():
        schema = incident_response.schema(schema_name)
        if schema_name in INPUTS:
            schema = accepting_datetime(schema)
        if schema_name in ECHOED:
            # A document may carry an "id", which its answer echoes.
            schema["properties"] = {"id": ECHO, **schema["properties"]}
        writer.read(schema_name, schema)
    # The other form of decide's document: signals in place of severity.
    context = accepting_datetime(incident_response.schema("incident-context"))
    properties = {k: v for k, v in context["properties"].items() if k != "severity"}
    writer.local = {}
    writer.store(
        "ContextFromSignals",
        {
            "description": "An incident context with `signals` in place of `severity`: `decide` "
            "classifies them, and takes data loss from them when `SEV-P1-DATA` matches.",
            "type": "object",
            "properties": {"id": ECHO, "signals": {"$ref": "#/$defs/Signals"}, **properties},
            "required": ["signals"],
        },
        "decide",
    )
    # The input of verify_rollback, which has no schema of its own.
    writer.store(
        "RollbackCheck",
        {
            "description": "The input of `verify_rollback`: the release rolled back, and the run.",
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "release": {"$ref": "#/$defs/RollbackRelease"},
                "run": {"$ref": "#/$defs/RollbackRun"},
            },
            "required": ["release", "run"],
        },
        "verify_rollback",
    )
    blocks = []
    done: set[str] = set()
    i = 0
    while i < len(writer.order):
        name = writer.order[i]
        i += 1
        if name in done:
            continue
        done.add(name)
        blocks.append(writer.define(name, writer.defs[name]))
    blocks += writer.late
    aliases = {b.split(":", 1)[0]: b for b in blocks if ": TypeAlias" in b.split("\n", 1)[0]}
    classes = [b for b in blocks if b not in aliases.values()]
    names = [
        "SchemaName: TypeAlias = Literal[" + ", ".join(json.dumps(n) for n in incident_response.schemas()) + "]"
        + '\n"""The names of the JSON Schemas, for `schema(name)`."""\n',
        "ExampleName: TypeAlias = Literal[" + ", ".join(json.dumps(n) for n in incident_response.examples()) + "]"
        + '\n"""The names of the sample documents, for `example(name)`."""\n',
    ]
    return (HEADER + "\n\n\n".join(classes) + "\n\n\n" + "\n\n".join(ordered(aliases))
            + "\n\n" + "\n\n".join(names))


def ordered(aliases: dict[str, str]) -> list[str]:
    """The aliases, each after those it names: they are read at import."""
    out: list[str] = []
    placed: set[str] = set()

    def place(name: str) -> None:
        if name in placed:
            return
        placed.add(name)
        target = aliases[name].split("=", 1)[1]
        for other in aliases:
            if other != name and re.search(rf"\b{other}\b", target):
                place(other)
        out.append(aliases[name])

    for name in sorted(aliases):
        place(name)
    return out


# The documents read, whose timestamps may be `datetime`s.
INPUTS = {
    "signals", "incident-context", "deployment", "incident", "month-of-incidents", "policy",
    "release-evidence", "rollback-release", "rollback-run",
}
INPUT_TIME = "date-time, or an aware datetime"


def accepting_datetime(schema: Any) -> Any:
    """An input's schema, its timestamps marked as taking a `datetime` too."""
    if isinstance(schema, dict):
        out = {k: accepting_datetime(v) for k, v in schema.items()}
        if out.get("format") == "date-time":
            out["format"] = INPUT_TIME
        return out
    if isinstance(schema, list):
        return [accepting_datetime(v) for v in schema]
    return schema


# The documents that may carry an "id", and the answers that echo it.
ECHOED = {
    "signals", "classification", "incident-context", "decision", "deployment", "watch",
    "obligations", "durations", "release-evidence", "readiness", "rollback-release",
    "rollback-plan", "rollback-verdict",
}
ECHO = {"type": "string", "description": "The document's `id`, which its answer echoes."}

HEADER = '''"""The types of the JSON contract: every input and every answer.

Generated by bindings/python/generate_types.py from the crate's JSON
Schemas (``incident_response.schema(name)``); do not edit. A ``TypedDict``
per object and a ``Literal`` per set of words (severities, outcomes, rule
ids). An answer's ``to_dict()`` has its type: ``decide(...).to_dict()`` is
a ``Decision``. An input may leave out the fields of a ``TypedDict`` that
are not in its ``_…Required`` base.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, TypeAlias, TypedDict

Timestamp: TypeAlias = str | datetime
"""A timestamp of an input: RFC 3339 text, or an aware ``datetime``."""


'''


def main() -> int:
    text = generate()
    if "--check" in sys.argv:
        if TARGET.read_text() != text:
            print(f"{TARGET} is out of date: run python generate_types.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
