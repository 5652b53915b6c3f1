// radscope's command line: the same core as the browser app, for scripts and CI.
// Exit codes: 0 success, 2 usage error, 3 unreadable or unknown file (one line on stderr).

import { CaptureFormatError, PacketRecordBuilder, scanCapture, type PacketRecord } from '../core/index.ts';
import { parseArgs, UsageError, type ParsedArgs } from './args.ts';
import { buildInfo, infoText } from './info.ts';
import { Output } from './output.ts';
import { fileSource, nodeGunzip, stdinSource } from './sources.ts';

const USAGE = `usage: radscope <command> FILE [options]     (FILE may be - for standard input)

commands:
  info FILE [--json]       what the capture is: format, link types, interfaces, frames, times, problems
  packets FILE [--json]    one line per frame (with --json, one JSON object per line)
  conversations FILE [--json]
                           one line per TCP/UDP conversation, Zeek-style (with --json, one object per line)
`;

function packetLine(r: PacketRecord): string {
  return `${r.frame}\t${r.timeRel?.toFixed(6) ?? '-'}\t${r.src ?? '-'}\t${r.dst ?? '-'}\t${r.protocol}\t${r.len}\t${r.info}`;
}

async function run(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    if (!['info', 'packets', 'conversations'].includes(args.command)) throw new UsageError(`unknown command ${args.command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`radscope: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const source = args.file === '-' ? stdinSource() : fileSource(args.file);
  const name = args.file === '-' ? '(standard input)' : args.file;
  try {
    if (args.command === 'info') {
      const r = await scanCapture(source, { gunzip: nodeGunzip, keepIndex: false });
      const info = buildInfo(r);
      process.stdout.write((args.json ? JSON.stringify(info, null, 2) : infoText(info, name)) + '\n');
      return 0;
    }
    if (args.command === 'conversations') {
      const r = await scanCapture(source, { gunzip: nodeGunzip, keepIndex: false });
      const out = new Output();
      if (!args.json) out.line('proto\tstream\torig\tresp\tstart\tduration\torig_pkts\tresp_pkts\torig_bytes\tresp_bytes\tconn_state\thistory');
      for (const c of r.conversations) {
        out.line(args.json ? JSON.stringify(c) : `${c.proto}\t${c.stream < 0 ? '-' : c.stream}\t${c.orig}:${c.origPort}\t${c.resp}:${c.respPort}\t${c.start}\t${c.duration.toFixed(6)}\t${c.origPackets}\t${c.respPackets}\t${c.origBytes}\t${c.respBytes}\t${c.connState}\t${c.history}`);
      }
      out.flush();
      return 0;
    }
    const out = new Output();
    const builder = new PacketRecordBuilder();
    await scanCapture(source, { gunzip: nodeGunzip, keepIndex: false }, (v) => {
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
