// What the tests share: the crate's command-line tool (the peer every answer
// of the package is compared with), the crate's documents and fixtures, and
// the snapshots of what people read.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, "..", "..", "..");
export const NOW = "2026-02-16T10:15:00Z";
export const ir = createRequire(import.meta.url)("../dist/node/core.js");

export const CLI = process.env.INCIDENT_RESPONSE_CLI ?? join(ROOT, "target", "debug", "incident-response");
if (!existsSync(CLI)) {
  throw new Error(`${CLI} is missing: build it with \`cargo build --features cli --bin incident-response\` or set INCIDENT_RESPONSE_CLI`);
}

/** A sample document of the crate, as bytes. */
export const document = (name) => readFileSync(join(ROOT, "src", "json", "documents", `${name}.json`));
/** A fixture of the crate's tests, as bytes. */
export const fixture = (name) => readFileSync(join(ROOT, "tests", "fixtures", name));

/** The tool, run once: its standard output as text (any exit code). */
export function cli(args, stdin) {
  try {
    return execFileSync(CLI, args, { input: stdin, stdio: ["pipe", "pipe", "pipe"] }).toString();
  } catch (error) {
    if (error.stdout !== undefined && error.status !== 1 && error.status !== 2 && error.status !== 3) {
      return error.stdout.toString();
    }
    throw error;
  }
}

export const cliJSON = (args, stdin) => JSON.parse(cli([...args, "--format", "json"], stdin));
export const cliText = (args, stdin) => cli([...args, "--format", "text"], stdin);

/** One command of the tool on `--lines`, kept running: a line in, its
 * answer (or refusal) out, so that a property test compares thousands. */
export class Peer {
  constructor(args) {
    this.process = spawn(CLI, [...args, "--lines", "--format", "json"], { stdio: ["pipe", "pipe", "ignore"] });
    this.lines = createInterface({ input: this.process.stdout })[Symbol.asyncIterator]();
  }

  async ask(text) {
    this.process.stdin.write(`${text.replaceAll("\n", " ")}\n`);
    const { value } = await this.lines.next();
    return JSON.parse(value);
  }

  close() {
    this.process.stdin.end();
  }
}

/** Compares `text` with the snapshot `name`; writes it instead with
 * INCIDENT_RESPONSE_SNAPSHOTS=write (read every new snapshot). */
export function snapshot(name, text) {
  const path = join(HERE, "snapshots", `${name}.txt`);
  if (process.env.INCIDENT_RESPONSE_SNAPSHOTS === "write") {
    writeFileSync(path, text);
    return;
  }
  assert.ok(existsSync(path), `no snapshot ${path}: write it with INCIDENT_RESPONSE_SNAPSHOTS=write and read it`);
  assert.equal(text, readFileSync(path, "utf8"), `${name} differs from its snapshot`);
}

/** The answer as plain JSON: what JSON.stringify writes of it. */
export const plain = (answer) => JSON.parse(JSON.stringify(answer));

export { execFileSync };
