// radscope's command line: the same core as the browser app, for scripts and CI.
// Exit codes: 0 success, 1 --fail-on matched, 2 usage error, 3 unreadable or unknown file (one line on
// stderr), 4 a share link could not be made (too large; one line on stderr).

import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseCapture, CaptureFormatError, describeOmission, displayText, encodeShareLink, PacketRecordBuilder, renderText, scanCapture, type PacketRecord, type ScanOptions, type ShareLinkOptions } from '../core/index.ts';
import { baseUrl, failOn, parseArgs, radiusPorts, radiusServers, redactOptions, UsageError, type ParsedArgs } from './args.ts';
import { buildInfo, infoText } from './info.ts';
import { Output } from './output.ts';
import { defaultBaseUrl, nodeDeflateRaw } from './share-link.ts';
import { fileSource, nodeGunzip, spoolStdin, stdinSource } from './sources.ts';

const COMMANDS = ['analyze', 'info', 'packets', 'conversations'];

const USAGE = `usage: radscope <command> FILE [options]     (FILE may be - for standard input)

commands:
  analyze FILE [--json]    why the RADIUS server did not answer: the verdict, its evidence and timeline, what to
                           do (with --json, the whole report)
  analyze FILE --link [--base-url URL] [--redact users,addresses]
                           a link that opens this report in the app (the report rides in the URL fragment,
                           which is never sent to a server); what it leaves out goes to standard error
  info FILE [--json]       what the capture is: format, link types, interfaces, frames, times, problems
  packets FILE [--json]    one line per frame (with --json, one JSON object per line)
  conversations FILE [--json]
                           one line per TCP/UDP conversation, Zeek-style (with --json, one object per line)

options:
  --secret S               a RADIUS shared secret to verify authenticators with (repeatable)
  --radius-port N          a UDP port that carries RADIUS besides 1812, 1813, 1645, 1646, 1700, 3799 (repeatable)
  --reveal-passwords       show decrypted User-Password values (never shown otherwise)
  --radius-server IP       the RADIUS server's address, when the capture does not make it plain (repeatable)
  --fail-on warning|error  analyze: exit 1 when a finding of that severity or worse is present
  --link                   analyze: print a share link instead of the report (exit 4 if it cannot be made)
  --base-url URL           the page the link opens (default: this checkout's dist/index.html as a file:// URL
                           when built, else http://localhost:4173/, what \`npm start\` serves)
  --redact WHAT            in the link, replace users (user-1...), addresses (addr-1..., and host names as
                           host-1...; public service names such as login.microsoftonline.com stay), public-names
                           (those too), or all (users and addresses); comma-separated
`;

/** A --base-url that names a local file (e.g. dist/index.html) as a file:// URL; null when it is not one. */
function localFileUrl(path: string): string | null {
  const abs = resolve(path);
  return existsSync(abs) && statSync(abs).isFile() ? pathToFileURL(abs).href : null;
}

/** A listing line; the Info column quotes the capture (names, HTTP lines), written with escapes for the terminal. */
function packetLine(r: PacketRecord): string {
  return `${r.frame}\t${r.timeRel?.toFixed(6) ?? '-'}\t${r.src ?? '-'}\t${r.dst ?? '-'}\t${r.protocol}\t${r.len}\t${displayText(r.info)}`;
}

function conversationsHeader(): string {
  return 'proto\tstream\torig\tresp\tstart\tduration\torig_pkts\tresp_pkts\torig_bytes\tresp_bytes\tconn_state\thistory';
}

async function run(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let args: ParsedArgs;
  let opts: ScanOptions;
  let servers: string[] | undefined;
  let failLevel: 'warning' | 'error' | null;
  let share: ShareLinkOptions | null = null;
  try {
    args = parseArgs(argv);
    if (!COMMANDS.includes(args.command)) throw new UsageError(`unknown command ${args.command}`);
    opts = {
      gunzip: nodeGunzip,
      keepIndex: false,
      radius: { secrets: args.options.get('--secret') ?? [], ports: radiusPorts(args), revealPasswords: args.flags.has('--reveal-passwords') },
    };
    servers = radiusServers(args);
    failLevel = failOn(args);
    const linkOnly = ['--base-url', '--redact'].filter((o) => args.options.has(o));
    if (args.flags.has('--link')) {
      if (args.command !== 'analyze') throw new UsageError('--link goes with analyze');
      if (args.json) throw new UsageError('--link and --json do not go together');
      share = {
        ...redactOptions(args),
        baseUrl: baseUrl(args, localFileUrl) ?? defaultBaseUrl(),
        forbidden: args.options.get('--secret') ?? [],
      };
    } else if (linkOnly.length > 0) {
      throw new UsageError(`${linkOnly[0]} goes with --link`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`radscope: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const name = args.file === '-' ? '(standard input)' : args.file;
  const source = () => (args.file === '-' ? stdinSource() : fileSource(args.file));
  let spooled: string | null = null;
  try {
    if (args.command === 'analyze') {
      const { report } = await analyseCapture(source(), { ...opts, conversations: false, name: args.file === '-' ? null : basename(args.file), ...(servers ? { radiusServers: servers } : {}) });
      if (share !== null) {
        const link = await encodeShareLink(report, nodeDeflateRaw, share);
        if (!link.ok) {
          process.stderr.write(`radscope: ${name}: ${link.error.message}\n`);
          return 4;
        }
        process.stdout.write(link.url + '\n');
        for (const o of link.shared.omitted) process.stderr.write(`radscope: link: ${describeOmission(o)}\n`);
      } else {
        process.stdout.write((args.json ? JSON.stringify(report, null, 2) : renderText(report)) + '\n');
      }
      const worst = report.findings.some((f) => f.severity === 'error') ? 2 : report.findings.some((f) => f.severity === 'warning') ? 1 : 0;
      return failLevel === null ? 0 : worst >= (failLevel === 'error' ? 2 : 1) ? 1 : 0;
    }
    if (args.command === 'info') {
      const info = buildInfo(await scanCapture(source(), { ...opts, depth: 'transport' }));
      process.stdout.write((args.json ? JSON.stringify(info, null, 2) : infoText(info, name)) + '\n');
      return 0;
    }
    const out = new Output();
    if (args.command === 'conversations') {
      const r = await scanCapture(source(), opts);
      if (!args.json) out.line(conversationsHeader());
      for (const c of r.conversations) {
        out.line(
          args.json
            ? JSON.stringify(c)
            : `${c.proto}\t${c.stream < 0 ? '-' : c.stream}\t${c.orig}:${c.origPort}\t${c.resp}:${c.respPort}\t${c.start}\t${c.duration.toFixed(6)}\t${c.origPackets}\t${c.respPackets}\t${c.origBytes}\t${c.respBytes}\t${c.connState}\t${c.history}`,
        );
      }
      out.flush();
      return 0;
    }
    // packets: a request learns its answer's frame only later, so the listing reads the capture twice: the
    // analysis pass, then a printing pass that asks it (standard input is spooled to a private file first)
    const path = args.file === '-' ? (spooled = await spoolStdin()) : args.file;
    const first = await scanCapture(fileSource(path), opts);
    const builder = new PacketRecordBuilder({ radius: (n) => first.radius.infoForFrame(n) });
    await scanCapture(fileSource(path), opts, (v) => {
      const rec = builder.build(v);
      out.line(args.json ? JSON.stringify(rec) : packetLine(rec));
    });
    out.flush();
    return 0;
  } catch (e) {
    if (e instanceof CaptureFormatError) {
      process.stderr.write(`radscope: ${name}: ${e.message}\n`);
      return 3;
    }
    if (e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES')) {
      process.stderr.write(`radscope: ${name}: cannot read the file (${e.code})\n`);
      return 3;
    }
    throw e;
  } finally {
    if (spooled !== null) await rm(dirname(spooled), { recursive: true, force: true });
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`radscope: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
