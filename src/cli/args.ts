/**
 * Command-line flags: `--name value` or `--name=value`; boolean flags take no value. Every problem
 * is a CliError whose message is one line for people (`unknown option --foo for "slicewise train"`).
 */
export class CliError extends Error {
  /** Process exit code: 2 = bad usage, 1 = anything else (bad data, failed run). */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

export interface FlagSpec {
  /** true: a switch without a value (--help). */
  boolean?: boolean;
}

export type ParsedFlags = Map<string, string | true>;

/** Parses argv (after the command) against `known`; positional arguments are refused. */
export function parseFlags(argv: readonly string[], known: Readonly<Record<string, FlagSpec>>, command: string): ParsedFlags {
  const out: ParsedFlags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      out.set('help', true);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      throw usageError(
        `unexpected argument "${arg}" for "slicewise ${command}" (flags look like --name value; see slicewise ${command} --help)`,
      );
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = known[name];
    if (!spec) throw usageError(`unknown option --${name} for "slicewise ${command}" (see slicewise ${command} --help)`);
    if (out.has(name)) throw usageError(`--${name} is given twice`);
    if (spec.boolean) {
      if (eq !== -1) throw usageError(`--${name} takes no value`);
      out.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw usageError(`--${name} needs a value`);
      i++;
    }
    if (value === '') throw usageError(`--${name} needs a value`);
    out.set(name, value);
  }
  return out;
}

export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function requiredFlag(flags: ParsedFlags, name: string, command: string): string {
  const v = stringFlag(flags, name);
  if (v === undefined) throw usageError(`missing --${name} (see slicewise ${command} --help)`);
  return v;
}

/** 'a, b,c' -> ['a', 'b', 'c']; empty items are an error. */
export function listFlag(flags: ParsedFlags, name: string): string[] | undefined {
  const v = stringFlag(flags, name);
  if (v === undefined) return undefined;
  const items = v.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw usageError(`--${name} has an empty item in "${v}" (use a comma-separated list)`);
  return items;
}

/** An integer in [min, max]. */
export function intFlag(flags: ParsedFlags, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = stringFlag(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw usageError(`--${name} must be an integer ${range}, got "${v}"`);
  }
  return n;
}

/** A finite number > 0. */
export function positiveFlag(flags: ParsedFlags, name: string): number | undefined {
  const v = stringFlag(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw usageError(`--${name} must be a number > 0, got "${v}"`);
  return n;
}

/** One of `choices`. */
export function choiceFlag<T extends string>(flags: ParsedFlags, name: string, choices: readonly T[]): T | undefined {
  const v = stringFlag(flags, name);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) throw usageError(`--${name} must be one of ${choices.join(', ')}, got "${v}"`);
  return v as T;
}
