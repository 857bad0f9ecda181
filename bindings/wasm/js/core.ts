/**
 * `@incident-response/core`: the Rollback and Incident Response Standard
 * (EATGF-DSS-INC-01) as pure, typed, explained decisions, from the
 * `incident-response` crate compiled to WebAssembly.
 *
 * Every function here is the crate's JSON door, whole: the object given is
 * written as the JSON document the door reads, the door answers, and the
 * answer is the object of the JSON contract, its `toString()` the text the
 * command-line tool prints with `--format text`. No rule is written here:
 * the only choices made here are JavaScript's (what a `Date` is, what a
 * refusal throws, and the clock read when `now` is not given).
 *
 * ```ts
 * import { decide } from "@incident-response/core";
 *
 * const decision = decide({ severity: "P1", cause: { kind: "deployment", revert: "simple" } });
 * decision.outcome;        // "rollback"
 * decision.deciding_rule;  // "DT-1"
 * String(decision);        // the explanation, step by step
 * ```
 *
 * @packageDocumentation
 */

import "./load.js";
import * as native from "./native.js";
import type * as T from "./types.js";

export type * from "./types.js";

/** The kinds of refusal, as `IncidentResponseError.kind` names them. */
export type ErrorKind =
  | "syntax"
  | "invalid_input"
  | "invalid_policy"
  | "invalid_timeline"
  | "time_out_of_range";

/** A document as the package reads it: the object, or its JSON text. */
export type Document<D> = D | string | Uint8Array;

/** A moment: an RFC 3339 timestamp, or a `Date`. */
export type Moment = string | Date;

/** The refusal the crate writes, as the door hands it over. */
interface Refusal {
  kind: ErrorKind;
  path: string | null;
  line: number | null;
  column: number | null;
  message: string;
  rule: T.RuleId | null;
  display: string;
}

/**
 * Why a document was refused: where (`path`, the JSON path of the value;
 * `field`, its last name; `line` and `column` in JSON text), the value
 * refused as the caller gave it (`value`), what is wrong (`reason`, the
 * crate's words; `message`, with the path and position, as the
 * command-line tool prints it), the rule that needs the value (`rule`),
 * and what kind of refusal it is (`kind`).
 */
export class IncidentResponseError extends Error {
  /** What kind of refusal it is. */
  readonly kind: ErrorKind;
  /** The JSON path of the value refused (`cause.revert`,
   * `steps[3].finished_at`); `null` for the document as a whole. */
  readonly path: string | null;
  /** The last name of the path (`revert`); `null` where it ends in an index. */
  readonly field: string | null;
  /** The value at `path` in what the caller gave, as given (a `Date`, say);
   * `undefined` where there is none (a missing field). */
  readonly value: unknown;
  /** The rule that needs the value, where the crate knows it. */
  readonly rule: T.RuleId | null;
  /** What is wrong, in the crate's words, without the path. */
  readonly reason: string;
  /** The line of the JSON text, from 1, for a document given as text. */
  readonly line: number | null;
  /** The column of that line, from 1. */
  readonly column: number | null;

  /** @internal */
  constructor(refusal: Refusal, given?: unknown, options?: { cause?: unknown }) {
    super(refusal.display, options);
    this.name = "IncidentResponseError";
    const asText = typeof given === "string" || given instanceof Uint8Array;
    this.kind = refusal.kind;
    this.path = refusal.path;
    this.field = refusal.path === null ? null : fieldOf(refusal.path);
    this.value = refusal.path === null ? undefined : valueAt(given, refusal.path);
    this.rule = refusal.rule;
    this.reason = refusal.message;
    // A position is in the JSON text the caller gave; for an object, it
    // would be in JSON the caller never saw: the path says where.
    this.line = asText ? refusal.line : null;
    this.column = asText ? refusal.column : null;
    if (!asText && refusal.line !== null) {
      this.message = refusal.path === null ? refusal.message : `${refusal.path}: ${refusal.message}`;
    }
  }
}

/** A refusal made here, before the door reads the document. */
function refused(message: string, path: string | null = null, kind: ErrorKind = "invalid_input"): Refusal {
  const display = path === null ? message : `${path}: ${message}`;
  return { kind, path, line: null, column: null, message, rule: null, display };
}

/** The last name of a path: `revert` of `cause.revert`; `null` after an index. */
function fieldOf(path: string): string | null {
  const last = path.slice(path.lastIndexOf(".") + 1);
  if (last.endsWith("]")) {
    return null;
  }
  const name = last.split("[")[0] ?? "";
  return name === "" ? null : name;
}

/** The value at `path` (`steps[3].finished_at`) in what the caller gave. */
function valueAt(given: unknown, path: string): unknown {
  let at = given;
  if (typeof given === "string" || given instanceof Uint8Array) {
    try {
      at = JSON.parse((typeof given === "string" ? given : new TextDecoder().decode(given)).replace(/^\ufeff/, ""));
    } catch {
      return undefined;
    }
  }
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (at === null || typeof at !== "object") {
      return undefined;
    }
    const key = part.startsWith("[") ? Number(part.slice(1, -1)) : part;
    if (!Object.prototype.hasOwnProperty.call(at, key)) {
      return undefined;
    }
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** The largest document read, as the command-line tool's `--max-bytes`
 * would be set for a month of a hundred thousand incidents and more. */
const MAX_BYTES = 64 * 1024 * 1024;

/** Whether `text`, as UTF-8, is larger than `MAX_BYTES`: counted only
 * when it could be (a character is at most three bytes of UTF-8). */
function tooLarge(text: string): boolean {
  if (text.length <= MAX_BYTES / 3) {
    return false;
  }
  if (text.length > MAX_BYTES) {
    return true;
  }
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate is half of a four-byte character.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 2 : 3;
  }
  return bytes > MAX_BYTES;
}

/** Objects that `JSON.stringify` would write as `{}` or leave out: each is
 * refused by name, never read as an empty document. */
const SILENT: ReadonlyArray<[Function, string]> = [
  [Map, "a Map"],
  [Set, "a Set"],
  [WeakMap, "a WeakMap"],
  [WeakSet, "a WeakSet"],
  [RegExp, "a RegExp"],
  [Promise, "a Promise"],
  [Error, "an Error"],
  [ArrayBuffer, "an ArrayBuffer"],
];

/** A value refused while the document is written: found again afterwards,
 * by a walk of the caller's object, to name its path. */
class Unwritable {
  constructor(
    readonly holder: object,
    readonly key: string,
    readonly message: string,
  ) {}
}

/** Deeper than the door reads (it refuses past 128): a cycle, or too deep. */
const MAX_DEPTH = 200;

/** A string that needs no escape in JSON. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

const quoted = (text: string): string => (PLAIN.test(text) ? `"${text}"` : JSON.stringify(text));

/**
 * The JSON text of `value`, standing at `key` of `holder`, as
 * `JSON.stringify` writes it (`toJSON` called, `undefined` fields left out,
 * boxed primitives unboxed, keys in `Object.keys` order), but refusing by
 * name what it would write as something else or leave out: `NaN`, an
 * invalid `Date`, a `Map`, a function. A `BigInt` JavaScript holds exactly
 * is its number. Written by hand, as it is three times faster than
 * `JSON.stringify` with a replacer on a small document; `undefined` for a
 * field to leave out.
 */
function written(value: unknown, holder: object, key: string, depth: number): string | undefined {
  switch (typeof value) {
    case "string":
      return quoted(value);
    case "number":
      if (!Number.isFinite(value)) {
        throw new Unwritable(holder, key, `${value} is not a number JSON can carry`);
      }
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return undefined;
    case "object":
      if (value === null) {
        return "null";
      }
      if (depth > MAX_DEPTH) {
        throw new TooDeep();
      }
      if (Array.isArray(value)) {
        // Joined, not concatenated: a month of a hundred thousand incidents
        // concatenated takes ten times as long (a rope, flattened again and again).
        const items = new Array<string>(value.length);
        for (let i = 0; i < value.length; i++) {
          items[i] = written(value[i], value, String(i), depth + 1) ?? "null";
        }
        return `[${items.join(",")}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      const plainObject = (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
      const read = plainObject ? value : unusual(value, holder, key);
      if (read === value) {
        let out = "{";
        for (const name of Object.keys(value)) {
          const field = written((value as Record<string, unknown>)[name], value, name, depth + 1);
          if (field !== undefined) {
            out += `${out.length === 1 ? "" : ","}${quoted(name)}:${field}`;
          }
        }
        return `${out}}`;
      }
      return written(read, holder, key, depth + 1);
    default:
      return written(unusual(value, holder, key), holder, key, depth);
  }
}

/** A value that is not a string, a number, a boolean, null, an array or a
 * plain object, as `JSON.stringify` would read it: a `Date` (or anything
 * with a `toJSON`) is what `toJSON` gives; a boxed primitive is the
 * primitive; an object of another class is itself (its own fields are
 * written); a BigInt
 * JavaScript holds exactly is its number; the rest is refused by name. */
function unusual(value: unknown, holder: object, key: string): unknown {
  switch (typeof value) {
    case "bigint": {
      const number = Number(value);
      if (!Number.isSafeInteger(number)) {
        throw new Unwritable(holder, key, `the BigInt ${value} is beyond the whole numbers JSON carries exactly`);
      }
      return number;
    }
    case "function":
      throw new Unwritable(holder, key, "a function is not a JSON value");
    case "symbol":
      throw new Unwritable(holder, key, "a Symbol is not a JSON value");
    default:
      break;
  }
  const object = value as object;
  if (isDate(object) && Number.isNaN(object.getTime())) {
    throw new Unwritable(holder, key, "an invalid Date is not a moment");
  }
  if (typeof (object as { toJSON?: unknown }).toJSON === "function") {
    return (object as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (object instanceof Number || object instanceof String || object instanceof Boolean || object instanceof BigInt) {
    return object.valueOf();
  }
  if (object instanceof Symbol) {
    throw new Unwritable(holder, key, "a Symbol is not a JSON value");
  }
  if (ArrayBuffer.isView(object)) {
    throw new Unwritable(holder, key, "a typed array is not a JSON value: give an array");
  }
  const tag = Object.prototype.toString.call(object);
  for (const [type, name] of SILENT) {
    if (object instanceof type || tag === `[object ${type.name}]`) {
      throw new Unwritable(holder, key, `${name} is not a JSON object: give a plain object`);
    }
  }
  // An object of another class: its own enumerable fields, as a plain
  // object's; one with none (a WeakRef, URLSearchParams) would be `{}`.
  if (Object.keys(object).length === 0) {
    const name = (object.constructor as { name?: unknown } | undefined)?.name;
    throw new Unwritable(holder, key, `${typeof name === "string" && name !== "" ? `a ${name}` : "an object of another class"} has no fields JSON can carry: give a plain object`);
  }
  return object;
}

/**
 * The same reading as `written`, as a replacer of `JSON.stringify`, for an
 * array (a month of incidents, months): on a hundred thousand incidents,
 * native `JSON.stringify` with a replacer is five times faster than
 * `written`, whose many small strings keep the collector busy.
 */
function replacer(this: unknown, key: string, value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return value;
    case "number":
      if (!Number.isFinite(value)) {
        throw new Unwritable(this as object, key, `${value} is not a number JSON can carry`);
      }
      return value;
    case "object": {
      if (value === null) {
        if (isDate((this as Record<string, unknown>)[key])) {
          throw new Unwritable(this as object, key, "an invalid Date is not a moment");
        }
        return value;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value) || prototype === Object.prototype || prototype === null) {
        return value;
      }
      if (value instanceof Number || value instanceof String || value instanceof Boolean) {
        return value;
      }
      return unusual(value, this as object, key);
    }
    default:
      return unusual(value, this as object, key);
  }
}

/** A `Date`, of this realm or another (a `vm` context, an iframe). */
function isDate(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === "[object Date]";
}

/** Written past `MAX_DEPTH`. */
class TooDeep {}

/** The path of `key` of `holder` within `root`, found by a walk. */
function pathTo(root: unknown, holder: object, key: string): string | null {
  if (key === "" && (holder as Record<string, unknown>)[""] === root) {
    return null;
  }
  const seen = new Set<object>();
  const walk = (at: unknown, path: string, depth = 0): string | undefined => {
    if (at === null || typeof at !== "object" || seen.has(at) || depth > MAX_DEPTH + 1) {
      return undefined;
    }
    seen.add(at);
    const join = (k: string) => (Array.isArray(at) ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`);
    if (at === holder) {
      return join(key);
    }
    for (const k of Object.keys(at)) {
      const found = walk(toJSONed((at as Record<string, unknown>)[k], k), join(k), depth + 1);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  };
  return walk(root, "") ?? null;
}

/** A value as `JSON.stringify` reads it: after its own `toJSON`. */
function toJSONed(value: unknown, key: string): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  return value;
}

/** The path of the first value that contains itself. */
function cycleIn(root: unknown): string | null {
  const open = new Set<object>();
  const walk = (at: unknown, path: string, depth = 0): string | undefined => {
    if (at === null || typeof at !== "object" || depth > MAX_DEPTH + 1) {
      return undefined;
    }
    if (open.has(at)) {
      return path;
    }
    open.add(at);
    for (const k of Object.keys(at)) {
      const inner = Array.isArray(at) ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`;
      const found = walk(toJSONed((at as Record<string, unknown>)[k], k), inner, depth + 1);
      if (found !== undefined) {
        return found;
      }
    }
    open.delete(at);
    return undefined;
  };
  return walk(root, "") ?? null;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A lone surrogate, which UTF-8 cannot carry: the WebAssembly would read it
 * as U+FFFD, an answer to a document the caller did not give. */
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `text` unchanged, or refused at `path` if it holds a lone surrogate. */
function wellFormed(text: string, path: string | null): string {
  if (LONE.test(text)) {
    throw new IncidentResponseError(refused("the text holds a lone surrogate, which UTF-8 cannot carry", path), path === null ? text : { [path]: text });
  }
  return text;
}

/** The JSON text of a document: the text itself, or the object written. */
function write(given: unknown): string {
  if (typeof given === "string") {
    if (tooLarge(given)) {
      throw new IncidentResponseError(refused(`the document is larger than ${MAX_BYTES} bytes`));
    }
    return wellFormed(given, null);
  }
  if (given instanceof Uint8Array) {
    if (given.length > MAX_BYTES) {
      throw new IncidentResponseError(refused(`the document is larger than ${MAX_BYTES} bytes`));
    }
    try {
      return decoder.decode(given);
    } catch {
      throw new IncidentResponseError(refused("the document is not UTF-8"), given);
    }
  }
  let text: string | undefined;
  const root = { "": given };
  try {
    text = Array.isArray(given) ? JSON.stringify(given, replacer) : written(given, root, "", 0);
  } catch (error) {
    if (error instanceof Unwritable) {
      const path = error.holder === root || error.key === "" ? null : pathTo(given, error.holder, error.key);
      throw new IncidentResponseError(refused(error.message, path), given);
    }
    const cyclic = error instanceof TypeError && /circular|cyclic/i.test(error.message);
    if (cyclic || error instanceof TooDeep || (error instanceof RangeError && /call stack/i.test(error.message))) {
      const path = cycleIn(given);
      if (path !== null) {
        throw new IncidentResponseError(refused("the value contains itself, which JSON cannot carry", path), given);
      }
      throw new IncidentResponseError(refused("the document is nested too deeply"), given);
    }
    // The caller's own code (a getter, a `toJSON`) threw: its error is theirs.
    throw error;
  }
  if (text === undefined) {
    throw new IncidentResponseError(refused(`${given === undefined ? "undefined" : typeof given} is not a JSON document`), given);
  }
  if (tooLarge(text)) {
    throw new IncidentResponseError(refused(`the document is larger than ${MAX_BYTES} bytes`));
  }
  return text;
}

/** The text of `now`: the moment given, or this machine's clock. */
function moment(now: Moment | undefined | null): string {
  if (now === undefined || now === null) {
    return new Date().toISOString();
  }
  if (isDate(now)) {
    if (Number.isNaN(now.getTime())) {
      throw new IncidentResponseError(refused("an invalid Date is not a moment", "now"), { now });
    }
    return now.toISOString();
  }
  if (typeof now !== "string") {
    throw new IncidentResponseError(refused(`now must be an RFC 3339 timestamp or a Date, not ${typeof now}`, "now"), { now });
  }
  return wellFormed(now, "now");
}

/** The door's answer, or its refusal thrown, naming the value at its path
 * in what the caller gave (`given`, or `givenAt(path)`). */
function ask(call: () => string, given: unknown, givenAt?: (path: string | null) => unknown): string {
  try {
    return call();
  } catch (error) {
    throw thrown(error, given, givenAt);
  }
}

/** What a call into the door throws: its refusal, as an `IncidentResponseError`. */
function thrown(error: unknown, given: unknown, givenAt?: (path: string | null) => unknown): unknown {
  if (typeof error !== "string") {
    return error;
  }
  const refusal = JSON.parse(error) as Refusal;
  return new IncidentResponseError(refusal, givenAt === undefined ? given : givenAt(refusal.path));
}

/** The object of an answer, its `toString()` the answer's text. */
function answer<A>(json: string, text: () => string): A {
  const object = JSON.parse(json) as object;
  Object.defineProperty(object, "toString", { value: text, enumerable: false, writable: true, configurable: true });
  return object as A;
}

/** The words a decision's brief stands for, by index, read once from the crate. */
interface Words {
  outcomes: Array<[T.Outcome, string]>;
  severities: T.Severity[];
  rules: T.RuleId[];
  standard: T.StandardApplied;
}
const WORDS = JSON.parse(native.words()) as Words;

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * A decision, as `decide` gives it: the fields a bot reads first
 * (`outcome`, `next_action`, `severity`, `decide_within_minutes`,
 * `deciding_rule`, `rests_on_assumptions`, `standard`, and `id` when the
 * document had one) are its own properties, made from one number the
 * crate hands over; the others (`path`, `counterfactuals`, `policy`,
 * `context`) are written by the crate when one of them is first read: the
 * crate is asked again, whole (it is pure: the second answer is the first).
 * `toJSON()` is the whole decision as a plain object in the contract's
 * order, which `JSON.stringify` writes; `toString()` is its text.
 */
export class Decision implements T.Decision {
  declare id?: string;
  declare outcome: T.Outcome;
  declare next_action: string;
  declare severity: T.Severity;
  declare decide_within_minutes: number | null;
  declare deciding_rule: T.RuleId;
  declare rests_on_assumptions: boolean;
  declare standard: T.StandardApplied;
  readonly #ask: (text: boolean) => string;
  #whole: T.Decision | undefined;

  /** @internal */
  constructor(brief: number, id: string | undefined, ask: (text: boolean) => string) {
    if (brief & 0x1000) {
      this.id = id;
    }
    const [outcome, nextAction] = WORDS.outcomes[brief & 3] ?? ["rollback", ""];
    this.outcome = outcome;
    this.next_action = nextAction;
    this.severity = WORDS.severities[(brief >> 2) & 3] ?? "P1";
    const minutes = Math.floor(brief / 0x2000);
    this.decide_within_minutes = minutes === 0 ? null : minutes - 1;
    this.deciding_rule = WORDS.rules[(brief >> 4) & 0x7f] ?? "DT-1";
    this.rests_on_assumptions = (brief & 0x800) !== 0;
    this.standard = WORDS.standard;
    this.#ask = ask;
  }

  #fill(): T.Decision {
    this.#whole ??= JSON.parse(this.#ask(false)) as T.Decision;
    return this.#whole;
  }

  /** Every question asked, in order, from `DT-1` to `deciding_rule`. */
  get path(): T.Decision["path"] {
    return this.#fill().path;
  }
  set path(path: T.Decision["path"]) {
    this.#fill().path = path;
  }

  /** For each input that could flip the outcome, the nearest change that would. */
  get counterfactuals(): T.Decision["counterfactuals"] {
    return this.#fill().counterfactuals;
  }
  set counterfactuals(counterfactuals: T.Decision["counterfactuals"]) {
    this.#fill().counterfactuals = counterfactuals;
  }

  /** The policy that produced the decision. */
  get policy(): T.Decision["policy"] {
    return this.#fill().policy;
  }
  set policy(policy: T.Decision["policy"]) {
    this.#fill().policy = policy;
  }

  /** The context the decision was taken on, as read. */
  get context(): T.Decision["context"] {
    return this.#fill().context;
  }
  set context(context: T.Decision["context"]) {
    this.#fill().context = context;
  }

  /** The whole decision, a new plain object in the contract's order. */
  toJSON(): T.Decision {
    const whole = this.#fill();
    const plain = {} as Record<string, unknown>;
    if (this.id !== undefined) {
      plain.id = this.id;
    }
    Object.assign(plain, {
      outcome: this.outcome,
      next_action: this.next_action,
      severity: this.severity,
      decide_within_minutes: this.decide_within_minutes,
      deciding_rule: this.deciding_rule,
      path: whole.path,
      rests_on_assumptions: this.rests_on_assumptions,
      counterfactuals: whole.counterfactuals,
      standard: this.standard,
      policy: whole.policy,
      context: whole.context,
    });
    return structuredClone(plain) as unknown as T.Decision;
  }

  /** The explanation, as the command-line tool prints it with `--format text`. */
  toString(): string {
    return this.#ask(true);
  }

  /** In Node's `console.log`, the whole decision. */
  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `Decision ${inspect(this.toJSON(), options)}`;
  }
}

/** The `id` a document had, which its answer echoes. */
function idOf(given: unknown, document: string): string | undefined {
  if (given !== null && typeof given === "object" && !(given instanceof Uint8Array) && typeof (given as { toJSON?: unknown }).toJSON !== "function") {
    const id = (given as { id?: unknown }).id;
    if (typeof id === "string") {
      return id;
    }
  }
  try {
    const read = JSON.parse(document.startsWith("\ufeff") ? document.slice(1) : document) as { id?: unknown };
    return typeof read.id === "string" ? read.id : undefined;
  } catch {
    return undefined;
  }
}

/** The native standard policy, made once. */
const STANDARD = native.Policy.standard();

/**
 * Every threshold, deadline and window the crate applies, validated.
 *
 * `Policy.standard()` is the standard's; `Policy.fromObject(...)` and
 * `Policy.fromJSON(...)` read a policy document (each field optional,
 * defaulting to the standard's), refusing an inconsistent one with an
 * `IncidentResponseError` of kind `invalid_policy`. Every entry point of
 * the package is a method here; the module's functions are those of the
 * standard policy.
 */
export class Policy {
  readonly #native: native.Policy;
  static #standard: Policy | undefined;

  private constructor(policy: native.Policy) {
    this.#native = policy;
  }

  /** The standard's policy. */
  static standard(): Policy {
    Policy.#standard ??= new Policy(STANDARD);
    return Policy.#standard;
  }

  /** A policy from an object of the policy document, validated. */
  static fromObject(document: T.PolicyDocument): Policy {
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
      throw new IncidentResponseError(refused("Policy.fromObject takes an object: use Policy.fromJSON for text", null, "invalid_policy"), document);
    }
    return Policy.#read(document);
  }

  /** A policy from the JSON text of the policy document, validated. */
  static fromJSON(text: string | Uint8Array): Policy {
    if (typeof text !== "string" && !(text instanceof Uint8Array)) {
      throw new IncidentResponseError(refused("Policy.fromJSON takes a string or bytes: use Policy.fromObject for an object", null, "invalid_policy"), text);
    }
    return Policy.#read(text);
  }

  static #read(given: unknown): Policy {
    const text = write(given);
    try {
      return new Policy(native.Policy.read(text));
    } catch (error) {
      throw thrown(error, given);
    }
  }

  /** Whether every value is the standard's. */
  isStandard(): boolean {
    return this.#native.is_standard();
  }

  /** The policy's fingerprint, 16 hex digits, which every answer carries. */
  fingerprint(): string {
    return this.#native.fingerprint();
  }

  /** Whether `other` has every value alike. */
  equals(other: Policy): boolean {
    return other instanceof Policy && this.#native.equals(other.#native);
  }

  /** The values that are not the standard's, each's `toString()` one line. */
  differences(): T.Difference[] {
    const lines = JSON.parse(this.#native.differences(true)) as string[];
    const all = JSON.parse(this.#native.differences(false)) as T.Difference[];
    return all.map((difference, i) => {
      const line = lines[i] ?? "";
      Object.defineProperty(difference, "toString", { value: () => line, enumerable: false, writable: true, configurable: true });
      return difference;
    });
  }

  /** The policy document, every value present: `JSON.stringify(policy)`. */
  toJSON(): T.PolicyDocument {
    return JSON.parse(this.#native.document()) as T.PolicyDocument;
  }

  /** `Policy(1de47ddf74e8e269, standard)`. */
  toString(): string {
    return `Policy(${this.fingerprint()}, ${this.isStandard() ? "standard" : "custom"})`;
  }

  #entry<A>(entry: string, given: unknown, now: string | undefined = undefined, nowGiven: unknown = now): A {
    const document = write(given);
    const policy = this.#native;
    const json = ask(() => policy.ask(entry, document, now, false), given, (path) =>
      path === "now" ? { now: nowGiven ?? now } : given,
    );
    return answer<A>(json, () => policy.ask(entry, document, now, true));
  }

  /** Signals → their classification (`SEV-*`). */
  classify(signals: Document<T.Signals>): T.Classification {
    return this.#entry("classify", signals);
  }

  /** An incident context (`severity`, or `signals` in its place) → the
   * decision, with its path and counterfactuals (`DT-*`). */
  decide(context: Document<T.IncidentContext | T.ContextFromSignals>): Decision {
    const document = write(context);
    const policy = this.#native;
    let brief: number;
    try {
      brief = policy.decide_brief(document);
    } catch (error) {
      throw thrown(error, context);
    }
    const id = brief & 0x1000 ? idOf(context, document) : undefined;
    return new Decision(brief, id, (text) => policy.ask("decide", document, undefined, text));
  }

  /** Every path of the decision tree, as a table. */
  decisionTable(): T.DecisionTable {
    return this.#entry("decision-table", {});
  }

  /** A deployment → where its post-deploy watch stands at `now` (`PD-*`);
   * `now` is this machine's clock when not given. */
  watch(deployment: Document<T.Deployment>, now?: Moment): T.Watch {
    return this.#entry("watch", deployment, moment(now), now);
  }

  /** Release evidence → its readiness at the gate (`RG-*`). */
  checkRelease(evidence: Document<T.ReleaseEvidence>): T.Readiness {
    return this.#entry("check-release", evidence);
  }

  /** A release → its rollback plan (`RB-*`). */
  rollbackPlan(release: Document<T.RollbackRelease>): T.RollbackPlan {
    return this.#entry("rollback-plan", release);
  }

  /** `{release, run}` → the verdict on the rollback run (`RB-*`). */
  verifyRollback(check: Document<T.RollbackCheck>): T.RollbackVerdict {
    return this.#entry("verify-rollback", check);
  }

  /** An incident → its obligations at `now` (`IN-*`); `now` is this
   * machine's clock when not given. */
  obligations(incident: Document<T.Incident>, now?: Moment): T.Obligations {
    return this.#entry("obligations", incident, moment(now), now);
  }

  /** A month's incidents → its summary, figures and goals (`ME-*`); its
   * `releases` a count, or the release records, which give DORA's delivery
   * figures (`delivery`). */
  summarizeMonth(month: string, incidents: Document<T.Incident[]>, releases: number | readonly T.Release[]): T.MonthlySummary {
    if (typeof month !== "string") {
      throw new IncidentResponseError(refused(`month must be a string such as "2026-01", not ${typeof month}`, "month"), { month });
    }
    if (Array.isArray(releases)) {
      wellFormed(month, "month");
      const records = write(releases as T.Release[]);
      const document = write(incidents);
      const policy = this.#native;
      const json = ask(() => policy.summarize_month_with_releases(month, records, document, false), incidents, (path) =>
        path === "month" ? { month } : path?.startsWith("releases") ? releases : incidents,
      );
      return answer(json, () => policy.summarize_month_with_releases(month, records, document, true));
    }
    if (typeof releases !== "number") {
      throw new IncidentResponseError(refused(`releases must be a whole number of releases, at least 0, not ${typeof releases}`, "releases"), { releases });
    }
    wellFormed(month, "month");
    const document = write(incidents);
    const policy = this.#native;
    const json = ask(() => policy.summarize_month(month, releases, document, false), incidents, (path) =>
      path === "month" || path === "releases" ? { month, releases } : incidents,
    );
    return answer(json, () => policy.summarize_month(month, releases, document, true));
  }

  /** Months of incidents, oldest first → their trends (`ME-5`). */
  trends(months: Document<T.MonthOfIncidents[]>): T.Trends {
    return this.#entry("trends", months);
  }
}

const standardPolicy = Policy.standard();

/** Signals → their classification (`SEV-*`), under the standard. */
export const classify = (signals: Document<T.Signals>): T.Classification => standardPolicy.classify(signals);

/** An incident context → the decision (`DT-*`), under the standard. */
export const decide = (context: Document<T.IncidentContext | T.ContextFromSignals>): Decision =>
  standardPolicy.decide(context);

/** Every path of the decision tree, as a table, under the standard. */
export const decisionTable = (): T.DecisionTable => standardPolicy.decisionTable();

/** A deployment → its post-deploy watch at `now` (`PD-*`), under the standard. */
export const watch = (deployment: Document<T.Deployment>, now?: Moment): T.Watch => standardPolicy.watch(deployment, now);

/** Release evidence → its readiness at the gate (`RG-*`), under the standard. */
export const checkRelease = (evidence: Document<T.ReleaseEvidence>): T.Readiness => standardPolicy.checkRelease(evidence);

/** A release → its rollback plan (`RB-*`), under the standard. */
export const rollbackPlan = (release: Document<T.RollbackRelease>): T.RollbackPlan => standardPolicy.rollbackPlan(release);

/** `{release, run}` → the verdict on the rollback run (`RB-*`), under the standard. */
export const verifyRollback = (check: Document<T.RollbackCheck>): T.RollbackVerdict => standardPolicy.verifyRollback(check);

/** An incident → its obligations at `now` (`IN-*`), under the standard. */
export const obligations = (incident: Document<T.Incident>, now?: Moment): T.Obligations =>
  standardPolicy.obligations(incident, now);

/** A month's incidents → its summary (`ME-*`), under the standard. */
export const summarizeMonth = (month: string, incidents: Document<T.Incident[]>, releases: number | readonly T.Release[]): T.MonthlySummary =>
  standardPolicy.summarizeMonth(month, incidents, releases);

/** Months of incidents, oldest first → their trends (`ME-5`), under the standard. */
export const trends = (months: Document<T.MonthOfIncidents[]>): T.Trends => standardPolicy.trends(months);

/** An incident → its durations (`IN-*`). */
export function durations(incident: Document<T.Incident>): T.Durations {
  return entryWithoutPolicy<T.Durations>("durations", incident);
}

/** An incident → its post-mortem report (`PM-*`); its `toString()` is Markdown. */
export function postMortem(incident: Document<T.Incident>): T.PostMortem {
  return entryWithoutPolicy<T.PostMortem>("post-mortem", incident);
}

function entryWithoutPolicy<A>(entry: string, given: unknown): A {
  const document = write(given);
  const json = ask(() => STANDARD.ask(entry, document, undefined, false), given);
  return answer<A>(json, () => STANDARD.ask(entry, document, undefined, true));
}

/** The JSON Schema of an input or an answer, by name. */
export function schema(name: T.SchemaName): Record<string, unknown> {
  named(name);
  return JSON.parse(ask(() => native.schema(name), undefined)) as Record<string, unknown>;
}

/** A valid sample document of an input, by name. */
export function example(name: T.ExampleName): Record<string, unknown> {
  named(name);
  return JSON.parse(ask(() => native.example(name), undefined)) as Record<string, unknown>;
}

/** A name for `schema` or `example`: a string, refused by name before the
 * WebAssembly reads it. */
function named(name: unknown): void {
  if (typeof name !== "string") {
    throw new IncidentResponseError(refused(`a name is a string, not ${typeof name}`, "name"), { name });
  }
  wellFormed(name, "name");
}

/** The names `schema` knows. */
export function schemas(): T.SchemaName[] {
  return JSON.parse(native.schemas()) as T.SchemaName[];
}

/** The names `example` knows. */
export function examples(): T.ExampleName[] {
  return JSON.parse(native.examples()) as T.ExampleName[];
}

/** One rule of the crate's catalogue. */
export interface Rule {
  /** The rule's stable id. */
  id: T.RuleId;
  /** The part of the standard it implements: `§3 Rollback Decision Matrix`. */
  section: string;
  /** The part of the standard where its words stand. */
  quoted_from: string;
  /** The rule as the crate applies it, with the standard's thresholds. */
  rule: string;
  /** The standard's own words, verbatim. */
  quote: string;
  /** How the crate reads a vague part of the standard, if it had to. */
  interpretation: string | null;
  /** The public functions of the crate that apply it. */
  applied_by: string | null;
}

/** Every rule of the catalogue, in its order. */
export function rules(): Rule[] {
  return JSON.parse(native.rules()) as Rule[];
}

/** The version of the crate the package is built from. */
export const VERSION: string = native.version();

/** The standard the crate implements: `EATGF-DSS-INC-01 v1.0`. */
export const STANDARD_NAME: string = native.standard();
