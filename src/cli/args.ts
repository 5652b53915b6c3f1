// Command-line parsing: `radscope <command> FILE [options]`. Small on purpose; no dependency needed.

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  file: string;
  json: boolean;
  /** Repeatable options collect every value. */
  options: Map<string, string[]>;
}

const FLAGS = new Set(['--json']);
const VALUED = new Set<string>([]);

export function parseArgs(argv: string[], valued: Iterable<string> = VALUED): ParsedArgs {
  const takesValue = new Set(valued);
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
    } else if (FLAGS.has(a)) {
      json = true;
    } else if (takesValue.has(a.split('=')[0]!)) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, argv[++i]];
      if (inline === undefined) throw new UsageError(`${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), inline]);
    } else {
      throw new UsageError(`unknown option ${a}`);
    }
  }
  const [command, file, ...rest] = positional;
  if (command === undefined) throw new UsageError('no command given');
  if (file === undefined) throw new UsageError(`${command} needs a FILE (or - for standard input)`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
  return { command, file, json, options };
}
