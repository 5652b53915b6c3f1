// Command-line parsing: `radscope <command> FILE [options]`. Small on purpose; no dependency needed.

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  file: string;
  /** Boolean flags given (e.g. '--json'). */
  flags: Set<string>;
  /** Valued options; repeatable ones collect every value. */
  options: Map<string, string[]>;
  readonly json: boolean;
}

/** The options radscope knows: flags, and options that take a value. */
export const FLAGS = new Set(['--json', '--reveal-passwords', '--link']);
export const VALUED = new Set(['--secret', '--radius-port', '--radius-server', '--fail-on', '--base-url', '--redact']);

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (FLAGS.has(name) && eq < 0) {
      flags.add(name);
    } else if (VALUED.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option ${a}`);
    }
  }
  const [command, file, ...rest] = positional;
  if (command === undefined) throw new UsageError('no command given');
  if (file === undefined) throw new UsageError(`${command} needs a FILE (or - for standard input)`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
  return { command, file, flags, options, json: flags.has('--json') };
}

/** --fail-on: the least severity that makes `analyze` exit 1 (null: exit 0 whatever it finds). */
export function failOn(args: ParsedArgs): 'warning' | 'error' | null {
  const v = args.options.get('--fail-on');
  if (v === undefined) return null;
  const last = v[v.length - 1]!;
  if (last !== 'warning' && last !== 'error') throw new UsageError(`--fail-on takes warning or error, not ${last}`);
  return last;
}

/** --radius-server values: IPv4 or IPv6 addresses. */
export function radiusServers(args: ParsedArgs): string[] | undefined {
  const v = args.options.get('--radius-server');
  if (v === undefined) return undefined;
  for (const a of v) if (!/^[0-9.]+$|^[0-9a-fA-F:]+$/.test(a)) throw new UsageError(`--radius-server ${a} is not an IP address`);
  return v.map((a) => a.toLowerCase());
}

/** --radius-port values as port numbers; a bad one is a usage error. */
export function radiusPorts(args: ParsedArgs): number[] {
  return (args.options.get('--radius-port') ?? []).map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--radius-port ${v} is not a UDP port`);
    return n;
  });
}

/** What --redact may name: user names, addresses (and host names), and public names too. */
export const REDACT_WORDS = ['users', 'addresses', 'public-names', 'all'] as const;

/** --redact users,addresses[,public-names] (repeatable; `all` is users and addresses) as redaction options. */
export function redactOptions(args: ParsedArgs): { users: boolean; addresses: boolean; keepPublicNames: boolean } {
  const words = (args.options.get('--redact') ?? []).flatMap((v) => v.split(',')).map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  for (const w of words) {
    if (!(REDACT_WORDS as readonly string[]).includes(w)) throw new UsageError(`--redact takes ${REDACT_WORDS.join(', ')} (comma-separated), not ${w}`);
  }
  const all = words.includes('all');
  const publicNames = words.includes('public-names');
  return { users: all || words.includes('users'), addresses: all || publicNames || words.includes('addresses'), keepPublicNames: !publicNames };
}

/** --base-url: an http(s) or file URL, a relative URL, or a local file path (made a file:// URL). */
export function baseUrl(args: ParsedArgs, toFileUrl: (path: string) => string | null): string | undefined {
  const v = args.options.get('--base-url');
  if (v === undefined) return undefined;
  const url = v[v.length - 1]!;
  if (url === '' || /\s/.test(url)) throw new UsageError(`--base-url ${JSON.stringify(url)} is not a URL`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || /^[a-z]$/i.test(scheme)) return toFileUrl(url) ?? url;
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'file') throw new UsageError(`--base-url takes an http, https or file URL, not ${scheme}:`);
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--base-url ${url} is not a URL`);
  }
  return url;
}
