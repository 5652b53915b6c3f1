#!/usr/bin/env bash
# Makes the capture-reader fixtures in fixtures/readers/: file variants the shared corpus lacks, cut from our
# own lab captures (ours, so they may be committed), each with its ground truth from tshark beside it.
#
#   scripts/make-reader-fixtures.sh            # needs tshark, editcap, capinfos (Wireshark 4.0 tested), python3, gzip
#   RADSCOPE_SHARED=/path/to/shared scripts/make-reader-fixtures.sh
#
# Fixtures (all from corpus/lab/healthy, cut to its first 20 frames unless said otherwise):
#   modified.pcap         modified (Kuznetzov) pcap, magic a1b2cd34, 24-byte record headers   (editcap -F modpcap)
#   nsec-be.pcap          big-endian nanosecond pcap: editcap -F nsecpcap, then every header byte-swapped here
#                         (editcap cannot choose the byte order); checked: tshark gives the same times as the
#                         little-endian file
#   loop.pcap             LINKTYPE_LOOP (108): the first 12 IPv4 frames, Ethernet header replaced by a 4-byte
#                         big-endian address family AF_INET = 2; checked: tshark decodes null:ip (its "null" dissector
#                         handles LOOP too), null.family 2
#   tsresol-pow2.pcapng   written here: one IDB with if_tsresol = 0x94 (2^-20 s), EPB time stamps in those units
#                         (floor(t * 2^20) of the source's microsecond times, so most are not whole nanoseconds)
#   tsoffset.pcapng       written here: IDB 0 (usec) with if_tsoffset = +1795000000 s, IDB 1 (if_tsresol 9, nsec)
#                         with if_tsoffset = -1 s; EPB time stamps stored minus the offset, frames alternating
#   cut-mid-record.pcap   the 20-frame pcap truncated in the middle of its 10th record's data (tshark: 9 frames
#                         and "cut short in the middle of a packet")
#   gzip.pcapng.gz        the 20-frame pcapng (capture.pcapng), gzip -9 -n
#   netmon2.cap           a real Network Monitor 2.x file (magic "GMBU"), editcap -F netmon2
#   etl-header.etl        256 bytes shaped like the start of a Windows ETL trace, as src/core/formats/sniff.ts
#                         recognises it: u32 LE buffer size 65536 at 0, header type 2 at 0x4a, flags 0xC0 at 0x4b,
#                         u16 0 at 0x4c (not a real trace; tshark 4.0 reads no ETL, and its heuristics take
#                         this mostly-zero file for an i4btrace capture with one frame)
#   random.bin            512 pseudo-random bytes (Python random.Random(7)), checked to match no capture magic
#   empty.pcap            0 bytes (tshark 4.0 opens it as an empty ERF file: rc 0, no frames)
#
# Truth, `<fixture>.tshark.json`, a compact form of
#   TZ=UTC tshark -n -r FILE -T json -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len \
#         -e frame.interface_id -e frame.encap_type -e frame.protocols
# (run with an empty WIRESHARK_CONFIG_DIR): { file, size, sha256, made_by, tshark_version, tshark_command,
#   tshark_rc, tshark_stderr (without the "Running as user root" line), capinfos (`capinfos -M` lines, or its
#   error), frames: [ { "frame.number": int, "frame.time_epoch": "sec.nnnnnnnnn" (absent when tshark shows
#   no time), "frame.len": int, "frame.cap_len": int, "frame.interface_id": int, "frame.encap_type": int (a
#   WTAP_ENCAP number, not a LINKTYPE), "frame.protocols": str } ] }.
# The script is deterministic: running it again rewrites the same bytes (except for other tshark versions).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${RADSCOPE_SHARED:-$ROOT/../shared}"
LAB="$SHARED/corpus/lab/healthy"
OUT="$ROOT/fixtures/readers"
for tool in tshark editcap capinfos python3 gzip; do
  command -v "$tool" >/dev/null || { echo "make-reader-fixtures: $tool not found" >&2; exit 1; }
done
[ -f "$LAB/capture.pcap" ] || { echo "make-reader-fixtures: no lab capture at $LAB (set RADSCOPE_SHARED)" >&2; exit 1; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/wsconfig" "$OUT"
export TZ=UTC WIRESHARK_CONFIG_DIR="$TMP/wsconfig"

# ---------------------------------------------------------------------------------------------------------
# Python helpers: py SUBCOMMAND ARGS...
read -r -d '' PY <<'PYEOF' || true
import hashlib, json, random, struct, sys

def read_pcap(path):
    b = open(path, 'rb').read()
    magic_le = struct.unpack_from('<I', b, 0)[0]
    if magic_le in (0xa1b2c3d4, 0xa1b23c4d):
        e = '<'
    elif struct.unpack_from('>I', b, 0)[0] in (0xa1b2c3d4, 0xa1b23c4d):
        e = '>'
    else:
        sys.exit(f'{path}: not a plain pcap')
    magic, vmaj, vmin, zone, sigfigs, snap, link = struct.unpack_from(e + 'IHHiIII', b, 0)
    recs, o = [], 24
    while o + 16 <= len(b):
        sec, frac, cap, orig = struct.unpack_from(e + 'IIII', b, o)
        recs.append((o, sec, frac, cap, orig, b[o + 16:o + 16 + cap]))
        o += 16 + cap
    return dict(bytes=b, endian=e, magic=magic, version=(vmaj, vmin), zone=zone, sigfigs=sigfigs, snap=snap, link=link,
                nsec=(magic == 0xa1b23c4d), records=recs)

def byteswap_pcap(src, dst):
    """A little-endian pcap rewritten big-endian: every header field swapped, packet bytes untouched."""
    p = read_pcap(src)
    assert p['endian'] == '<', 'expects a little-endian pcap'
    out = bytearray(struct.pack('>IHHiIII', p['magic'], *p['version'], p['zone'], p['sigfigs'], p['snap'], p['link']))
    for _, sec, frac, cap, orig, data in p['records']:
        out += struct.pack('>IIII', sec, frac, cap, orig) + data
    open(dst, 'wb').write(out)

def loop_from_ether(src, dst, count):
    """IPv4 frames of an Ethernet pcap as LINKTYPE_LOOP (108): 4-byte big-endian AF_INET (2), then the IP packet."""
    p = read_pcap(src)
    assert p['link'] == 1 and not p['nsec']
    out = bytearray(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, p['snap'], 108))
    n = 0
    for _, sec, usec, cap, orig, data in p['records']:
        if n == int(count):
            break
        if len(data) < 34 or data[12:14] != b'\x08\x00':
            continue
        body = struct.pack('>I', 2) + data[14:]
        out += struct.pack('<IIII', sec, usec, len(body), orig - 14 + 4) + body
        n += 1
    assert n == int(count), f'only {n} IPv4 frames'
    open(dst, 'wb').write(out)

def opt(code, value):
    return struct.pack('<HH', code, len(value)) + value + b'\0' * (-len(value) % 4)

def block(btype, body):
    assert len(body) % 4 == 0
    return struct.pack('<II', btype, len(body) + 12) + body + struct.pack('<I', len(body) + 12)

def shb(app):
    return block(0x0A0D0D0A, struct.pack('<IHHq', 0x1A2B3C4D, 1, 0, -1) + opt(4, app) + opt(0, b''))

def idb(link, snap, options):
    return block(1, struct.pack('<HHI', link, 0, snap) + b''.join(opt(c, v) for c, v in options) + opt(0, b''))

def epb(ifid, units, cap_data, orig, comment=None):
    body = struct.pack('<IIIII', ifid, units >> 32, units & 0xffffffff, len(cap_data), orig) + cap_data + b'\0' * (-len(cap_data) % 4)
    if comment is not None:
        body += opt(1, comment.encode()) + opt(0, b'')
    return block(6, body)

APP = b'radscope scripts/make-reader-fixtures.sh'

def pcapng_tsresol(src, dst):
    """if_tsresol = 0x94: units of 2^-20 s; units = floor(t * 2^20) of the source's microsecond time."""
    p = read_pcap(src)
    assert not p['nsec']
    out = shb(APP) + idb(p['link'], p['snap'], [(2, b'eth0'), (9, bytes([0x94]))])
    for i, (_, sec, usec, cap, orig, data) in enumerate(p['records']):
        units = (sec << 20) + (usec << 20) // 1_000_000
        out += epb(0, units, data, orig, 'if_tsresol 2^-20' if i == 0 else None)
    open(dst, 'wb').write(out)

def pcapng_tsoffset(src, dst):
    """IDB 0: usec, if_tsoffset +1795000000; IDB 1: nsec (if_tsresol 9), if_tsoffset -1; frames alternate."""
    p = read_pcap(src)
    assert not p['nsec']
    off0, off1 = 1_795_000_000, -1
    out = shb(APP)
    out += idb(p['link'], p['snap'], [(2, b'offset+1795000000'), (14, struct.pack('<q', off0))])
    out += idb(p['link'], p['snap'], [(2, b'offset-1'), (9, bytes([9])), (14, struct.pack('<q', off1))])
    for i, (_, sec, usec, cap, orig, data) in enumerate(p['records']):
        if i % 2 == 0:
            assert sec >= off0
            out += epb(0, (sec - off0) * 1_000_000 + usec, data, orig)
        else:
            out += epb(1, (sec - off1) * 1_000_000_000 + usec * 1000 + 7, data, orig)
    open(dst, 'wb').write(out)

def cut_mid_record(src, dst, nth):
    """The pcap truncated in the middle of the data of its nth record (1-based)."""
    p = read_pcap(src)
    o, _, _, cap, _, _ = p['records'][int(nth) - 1]
    assert cap >= 2
    cut = o + 16 + cap // 2
    open(dst, 'wb').write(p['bytes'][:cut])
    print(cut)

def etl_header(dst):
    b = bytearray(256)
    struct.pack_into('<I', b, 0, 65536)  # WMI_BUFFER_HEADER: buffer size, a power of two
    struct.pack_into('<H', b, 0x48, 2)   # SYSTEM_TRACE_HEADER marker: version
    b[0x4a] = 2                          # header type: SYSTEM64
    b[0x4b] = 0xC0                       # flags: TRACE_HEADER_FLAG | TRACE_HEADER_EVENT_TRACE
    struct.pack_into('<H', b, 0x4c, 0)
    open(dst, 'wb').write(b)

def random_bytes(dst):
    b = random.Random(7).randbytes(512)
    magics = [bytes.fromhex(h) for h in ('a1b2c3d4', 'd4c3b2a1', 'a1b23c4d', '4d3cb2a1', 'a1b2cd34', '34cdb2a1', '0a0d0d0a')]
    assert not any(b.startswith(m) for m in magics) and b[:2] != b'\x1f\x8b' and b[:4] not in (b'GMBU', b'RTSS')
    open(dst, 'wb').write(b)

def compact_truth(path, rc, stderr_path, capinfos_path, version, command):
    raw = sys.stdin.read().strip()
    packets = json.loads(raw) if raw else []
    ints = ('frame.number', 'frame.len', 'frame.cap_len', 'frame.interface_id', 'frame.encap_type')
    frames = []
    for pk in packets:
        layers = pk['_source']['layers']
        f = {}
        for k in ('frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.interface_id', 'frame.encap_type', 'frame.protocols'):
            if k in layers:
                v = layers[k][0]
                f[k] = int(v) if k in ints else v
        frames.append(f)
    stderr = [l for l in open(stderr_path).read().splitlines() if 'Running as user' not in l]
    data = open(path, 'rb').read()
    truth = {
        'file': path.rsplit('/', 1)[-1],
        'size': len(data),
        'sha256': hashlib.sha256(data).hexdigest(),
        'made_by': 'scripts/make-reader-fixtures.sh',
        'tshark_version': version,
        'tshark_command': command,
        'tshark_rc': int(rc),
        'tshark_stderr': '\n'.join(stderr),
        'capinfos': [l.rstrip() for l in open(capinfos_path).read().splitlines() if 'Running as user' not in l],
        'frames': frames,
    }
    json.dump(truth, open(path + '.tshark.json', 'w'), indent=1)
    open(path + '.tshark.json', 'a').write('\n')

cmd, args = sys.argv[1], sys.argv[2:]
globals()[cmd.replace('-', '_')](*args)
PYEOF
py() { python3 -c "$PY" "$@"; }

TSHARK_VERSION="$(tshark --version 2>/dev/null | head -1)"
FIELDS=(-e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id -e frame.encap_type -e frame.protocols)

truth() { # truth FILE: writes FILE.tshark.json
  local f="$1" rc=0
  # run beside the file so that tshark's and capinfos' messages name it without a machine-specific path
  (cd "$(dirname "$f")" && tshark -n -r "$(basename "$f")" -T json "${FIELDS[@]}") >"$TMP/t.json" 2>"$TMP/t.err" || rc=$?
  (cd "$(dirname "$f")" && capinfos -M "$(basename "$f")") >"$TMP/c.txt" 2>&1 || true
  py compact-truth "$f" "$rc" "$TMP/t.err" "$TMP/c.txt" "$TSHARK_VERSION" \
    "tshark -n -r $(basename "$f") -T json ${FIELDS[*]}" <"$TMP/t.json"
  echo "  $(basename "$f"): tshark rc=$rc, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["frames"]))' "$f.tshark.json") frames"
}

field() { tshark -n -r "$1" -T fields -e "$2" 2>/dev/null; }
fail() { echo "make-reader-fixtures: $*" >&2; exit 1; }

echo "sources: $LAB"
editcap -F pcap -r "$LAB/capture.pcap" "$TMP/cut20.pcap" 1-20 2>/dev/null
editcap -F pcapng -r "$LAB/capture.pcapng" "$TMP/cut20.pcapng" 1-20 2>/dev/null
editcap -F pcapng -r "$LAB/capture-nsec.pcapng" "$TMP/cut20-nsec.pcapng" 1-20 2>/dev/null

# modified (Kuznetzov) pcap
editcap -F modpcap "$TMP/cut20.pcap" "$OUT/modified.pcap" 2>/dev/null
[ "$(head -c4 "$OUT/modified.pcap" | od -An -tx1 | tr -d ' \n')" = "34cdb2a1" ] || fail "modified.pcap: unexpected magic"

# big-endian nanosecond pcap
editcap -F nsecpcap "$TMP/cut20-nsec.pcapng" "$TMP/nsec-le.pcap" 2>/dev/null
py byteswap-pcap "$TMP/nsec-le.pcap" "$OUT/nsec-be.pcap"
[ "$(head -c4 "$OUT/nsec-be.pcap" | od -An -tx1 | tr -d ' \n')" = "a1b23c4d" ] || fail "nsec-be.pcap: unexpected magic"
[ "$(field "$OUT/nsec-be.pcap" frame.time_epoch)" = "$(field "$TMP/nsec-le.pcap" frame.time_epoch)" ] || fail "nsec-be.pcap: tshark times differ from the little-endian file"
[ "$(field "$OUT/nsec-be.pcap" frame.time_epoch)" = "$(field "$TMP/cut20-nsec.pcapng" frame.time_epoch)" ] || fail "nsec-be.pcap: tshark times differ from the source"

# LINKTYPE_LOOP
py loop-from-ether "$TMP/cut20.pcap" "$OUT/loop.pcap" 12
# tshark 4.0 calls LINKTYPE_LOOP "OpenBSD loopback" (WTAP_ENCAP_LOOP 174) and decodes it with its "null" dissector
if field "$OUT/loop.pcap" frame.protocols | grep -qv '^null:ip:'; then fail "loop.pcap: tshark does not decode every frame as null:ip"; fi
if field "$OUT/loop.pcap" null.family | grep -qvx 2; then fail "loop.pcap: tshark sees a family other than AF_INET"; fi

# pcapng, if_tsresol 2^-20 and if_tsoffset
py pcapng-tsresol "$TMP/cut20.pcap" "$OUT/tsresol-pow2.pcapng"
capinfos -M "$OUT/tsresol-pow2.pcapng" 2>/dev/null | grep -q 'Time ticks per second = 1048576' || fail "tsresol-pow2.pcapng: capinfos does not see 2^20 ticks per second"
py pcapng-tsoffset "$TMP/cut20.pcap" "$OUT/tsoffset.pcapng"

# cut in the middle of the 10th record
CUT_AT="$(py cut-mid-record "$TMP/cut20.pcap" "$OUT/cut-mid-record.pcap" 10)"
[ "$(field "$OUT/cut-mid-record.pcap" frame.number | wc -l)" = 9 ] || fail "cut-mid-record.pcap: tshark does not show 9 frames"
echo "  cut-mid-record.pcap: cut at byte $CUT_AT"

# gzip, NetMon, ETL-looking, random, empty
gzip -9 -n -c "$TMP/cut20.pcapng" >"$OUT/gzip.pcapng.gz"
editcap -F netmon2 "$TMP/cut20.pcap" "$OUT/netmon2.cap" 2>/dev/null
[ "$(head -c4 "$OUT/netmon2.cap")" = "GMBU" ] || fail "netmon2.cap: no GMBU magic"
py etl-header "$OUT/etl-header.etl"
py random-bytes "$OUT/random.bin"
: >"$OUT/empty.pcap"

echo "truth:"
for f in modified.pcap nsec-be.pcap loop.pcap tsresol-pow2.pcapng tsoffset.pcapng cut-mid-record.pcap gzip.pcapng.gz \
  netmon2.cap etl-header.etl random.bin empty.pcap; do
  truth "$OUT/$f"
done
