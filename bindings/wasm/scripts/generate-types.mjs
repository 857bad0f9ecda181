// Writes js/types.ts from the crate's JSON Schemas.
//
// The package's types are not written by hand: each input and answer of the
// JSON contract has a JSON Schema in the crate (`incident-response schema
// NAME`, `schema(NAME)`), and this turns every one of them into TypeScript
// interfaces and unions of literals. A test (test/types.test.mjs) runs it
// and fails when the committed file differs, so the types cannot drift from
// the code. It reads the schemas from the built package (npm run build).
//
//   node scripts/generate-types.mjs          # rewrite js/types.ts
//   node scripts/generate-types.mjs --check  # exit 1 if it would change

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(dirname(fileURLToPath(import.meta.url)));
const TARGET = join(HERE, "js", "types.ts");
const native = createRequire(import.meta.url)(join(HERE, "dist", "node", "native.js"));

// Names the schemas use that would mislead in TypeScript.
const RENAMED = { Answer: "StepAnswer", Value: "PolicyValue", Standard: "StandardApplied", Policy: "PolicyDocument" };

// The documents read, whose timestamps may be `Date`s.
const INPUTS = new Set([
  "signals", "incident-context", "deployment", "incident", "month-of-incidents", "policy",
  "release-evidence", "rollback-release", "rollback-run",
]);
const INPUT_TIME = "date-time, or a Date";

// The documents that may carry an "id", and the answers that echo it.
const ECHOED = new Set([
  "signals", "classification", "incident-context", "decision", "deployment", "watch",
  "obligations", "durations", "release-evidence", "readiness", "rollback-release",
  "rollback-plan", "rollback-verdict",
]);
const ECHO = { type: "string", description: "The document's `id`, which its answer echoes." };

const nameOf = (ref) => ref.slice(ref.lastIndexOf("/") + 1);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const pascal = (words) => words.map((w) => w.slice(0, 1).toUpperCase() + w.slice(1)).join("");
const tagOf = (variant, i) => {
  const tags = Object.values(variant.properties ?? {}).filter((f) => "const" in f).map((f) => f.const);
  return tags.length > 0 ? pascal(String(tags[0]).split(/[^A-Za-z0-9]+/)) : String(i);
};

class Writer {
  constructor() {
    this.defs = new Map();
    this.order = [];
    this.local = {};
    this.late = [];
  }

  read(schemaName, schema) {
    const defs = schema.$defs ?? {};
    delete schema.$defs;
    delete schema.$schema;
    const title = schema.title;
    delete schema.title;
    const origin = RENAMED[title] ?? title;
    this.local = Object.fromEntries(Object.keys(defs).map((d) => [d, RENAMED[d] ?? d]));
    for (let round = 0; round <= Object.keys(defs).length; round++) {
      const renamed = {};
      for (const [defName, definition] of Object.entries(defs)) {
        let candidate = this.local[defName];
        if (this.defs.has(candidate) && !same(this.defs.get(candidate), this.resolved(definition))) {
          candidate = `${candidate}In${origin}`;
        }
        renamed[defName] = candidate;
      }
      if (same(renamed, this.local)) {
        break;
      }
      this.local = renamed;
    }
    for (const [defName, definition] of Object.entries(defs)) {
      this.store(this.local[defName], this.resolved(definition), schemaName);
    }
    this.store(origin, this.resolved(schema), schemaName);
  }

  store(name, schema, origin) {
    if (this.defs.has(name)) {
      if (!same(this.defs.get(name), schema)) {
        throw new Error(`${name}: two schemas define it differently (${origin})`);
      }
      return;
    }
    this.defs.set(name, schema);
    this.order.push(name);
  }

  resolved(schema) {
    if (Array.isArray(schema)) {
      return schema.map((v) => this.resolved(v));
    }
    if (schema !== null && typeof schema === "object") {
      const out = {};
      for (const [key, value] of Object.entries(schema)) {
        out[key] = key === "$ref" ? `#/$defs/${this.local[nameOf(value)] ?? nameOf(value)}` : this.resolved(value);
      }
      return out;
    }
    return schema;
  }

  typeOf(schema, context) {
    if ("$ref" in schema) {
      return nameOf(schema.$ref);
    }
    if ("const" in schema) {
      return JSON.stringify(schema.const);
    }
    if ("enum" in schema) {
      return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    }
    for (const union of ["oneOf", "anyOf"]) {
      if (union in schema) {
        return this.union(schema[union], context);
      }
    }
    const kind = schema.type;
    if (Array.isArray(kind)) {
      const parts = kind.map((k) => this.typeOf({ ...schema, type: k }, context));
      return [...new Set(parts)].join(" | ");
    }
    switch (kind) {
      case "string":
        return schema.format === INPUT_TIME ? "Timestamp" : "string";
      case "integer":
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "array": {
        if ("prefixItems" in schema) {
          return `[${schema.prefixItems.map((i) => this.typeOf(i, context)).join(", ")}]`;
        }
        return `Array<${this.typeOf(schema.items ?? {}, context)}>`;
      }
      case "object": {
        if ("properties" in schema) {
          this.store(context, schema, context);
          return context;
        }
        const extra = schema.additionalProperties;
        if (extra !== null && typeof extra === "object") {
          return `Record<string, ${this.typeOf(extra, context)}>`;
        }
        return "Record<string, unknown>";
      }
      default:
        return "unknown";
    }
  }

  union(variants, context) {
    if (variants.every((v) => "const" in v)) {
      return variants.map((v) => JSON.stringify(v.const)).join(" | ");
    }
    const parts = variants.map((variant, i) => {
      const inner = this.typeOf(variant, context + tagOf(variant, i));
      return inner.includes(" | ") && variants.length > 1 ? `(${inner})` : inner;
    });
    return [...new Set(parts)].join(" | ");
  }

  define(name, schema) {
    const description = (schema.description ?? "").trim();
    if ("properties" in schema && "oneOf" in schema) {
      return this.flattened(name, schema, description);
    }
    if (schema.type === "object" && "properties" in schema) {
      return this.interface(name, schema, description);
    }
    return `${doc(description, "")}export type ${name} = ${this.typeOf(schema, name)};`;
  }

  // An object whose fields depend on a tag (`"state": "watching"`): a union
  // of one interface per variant, each with the common fields.
  flattened(name, schema, description) {
    const labels = [];
    const blocks = schema.oneOf.map((variant, i) => {
      const label = name + tagOf(variant, i);
      const merged = {
        type: "object",
        properties: { ...(variant.properties ?? {}), ...schema.properties },
        required: [...(variant.required ?? []), ...(schema.required ?? [])],
      };
      if ("id" in schema.properties && !(schema.required ?? []).includes("id")) {
        merged.required = merged.required.filter((r) => r !== "id");
      }
      labels.push(label);
      return this.interface(label, merged, `${variant.description ?? ""}\n\n${description}`.trim());
    });
    this.late.push(`${doc(description, "")}export type ${name} = ${labels.join(" | ")};`);
    return blocks.join("\n\n");
  }

  interface(name, schema, description) {
    const required = new Set(schema.required ?? []);
    const lines = [`${doc(description || name, "")}export interface ${name} {`];
    for (const [key, field] of Object.entries(schema.properties)) {
      const context = name + pascal(key.split("_"));
      const kind = this.typeOf(field, context);
      const fieldDoc = (field.description ?? "").trim();
      if (fieldDoc) {
        lines.push(doc(fieldDoc, "  ").trimEnd());
      }
      lines.push(`  ${key}${required.has(key) ? "" : "?"}: ${kind};`);
    }
    lines.push("}");
    return lines.join("\n");
  }
}

function doc(text, indent) {
  if (!text) {
    return "";
  }
  const body = text.replaceAll("*/", "*\\/").split("\n");
  if (body.length === 1) {
    return `${indent}/** ${body[0]} */\n`;
  }
  return `${indent}/**\n${body.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}

function acceptingDate(schema) {
  if (Array.isArray(schema)) {
    return schema.map(acceptingDate);
  }
  if (schema !== null && typeof schema === "object") {
    const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, acceptingDate(v)]));
    if (out.format === "date-time") {
      out.format = INPUT_TIME;
    }
    return out;
  }
  return schema;
}

const schemaOf = (name) => JSON.parse(native.schema(name));

function generate() {
  const writer = new Writer();
  const names = JSON.parse(native.schemas());
  for (const schemaName of names) {
    let schema = schemaOf(schemaName);
    if (INPUTS.has(schemaName)) {
      schema = acceptingDate(schema);
    }
    if (ECHOED.has(schemaName)) {
      schema.properties = { id: ECHO, ...schema.properties };
    }
    writer.read(schemaName, schema);
  }
  // The other form of decide's document: signals in place of severity.
  const context = acceptingDate(schemaOf("incident-context"));
  const properties = Object.fromEntries(Object.entries(context.properties).filter(([k]) => k !== "severity"));
  writer.local = {};
  writer.store(
    "ContextFromSignals",
    {
      description:
        "An incident context with `signals` in place of `severity`: `decide` classifies them, and takes data loss from them when `SEV-P1-DATA` matches.",
      type: "object",
      properties: { id: ECHO, signals: { $ref: "#/$defs/Signals" }, ...properties },
      required: ["signals"],
    },
    "decide",
  );
  // The input of verifyRollback, which has no schema of its own.
  writer.store(
    "RollbackCheck",
    {
      description: "The input of `verifyRollback`: the release rolled back, and the run.",
      type: "object",
      properties: {
        id: { type: "string" },
        release: { $ref: "#/$defs/RollbackRelease" },
        run: { $ref: "#/$defs/RollbackRun" },
      },
      required: ["release", "run"],
    },
    "verifyRollback",
  );
  const blocks = [];
  const done = new Set();
  for (let i = 0; i < writer.order.length; i++) {
    const name = writer.order[i];
    if (!done.has(name)) {
      done.add(name);
      blocks.push(writer.define(name, writer.defs.get(name)));
    }
  }
  blocks.push(...writer.late);
  blocks.push(`/** The names of the JSON Schemas, for \`schema(name)\`. */\nexport type SchemaName = ${names.map((n) => JSON.stringify(n)).join(" | ")};`);
  const examples = JSON.parse(native.examples());
  blocks.push(`/** The names of the sample documents, for \`example(name)\`. */\nexport type ExampleName = ${examples.map((n) => JSON.stringify(n)).join(" | ")};`);
  return `${HEADER}${blocks.join("\n\n")}\n`;
}

const HEADER = `// The types of the JSON contract: every input and every answer.
//
// Generated by scripts/generate-types.mjs from the crate's JSON Schemas
// (\`schema(name)\`); do not edit. An interface per object and a union of
// literals per set of words (severities, outcomes, rule ids). An answer has
// its type: \`decide(...)\` is a \`Decision\`. An input may leave out the
// fields marked optional.

/** A timestamp of an input: RFC 3339 text, or a \`Date\`. */
export type Timestamp = string | Date;

`;

const text = generate();
if (process.argv.includes("--check")) {
  let old = "";
  try {
    old = readFileSync(TARGET, "utf8");
  } catch {}
  if (old !== text) {
    console.error(`${TARGET} is out of date: run npm run types`);
    process.exit(1);
  }
} else {
  writeFileSync(TARGET, text);
}
