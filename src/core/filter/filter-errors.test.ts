// Errors: each names the problem and where it is (0-based offset, also in the message), and no input, however
// hostile, makes compileFilter throw, hang or build an unbounded predicate.

import { describe, expect, test } from 'vitest';
import { FILTER_LIMITS } from './ast.ts';
import { compileFilter, parseFilter } from './compile.ts';
import { fixtureColumns } from './filter-fixture.test-support.ts';

const cols = fixtureColumns();

/** [filter, the error message, its offset] */
const ERRORS: [string, string, number][] = [
  // fields
  ['tcp.prot == 4', "unknown field 'tcp.prot' at 0: did you mean tcp.port?", 0],
  ['tcp.srcprot', "unknown field 'tcp.srcprot' at 0: did you mean tcp.srcport?", 0],
  ['ip.adr == 10.0.0.1', "unknown field 'ip.adr' at 0: did you mean ip.addr?", 0],
  ['tls.clienthello.unanswerd', "unknown field 'tls.clienthello.unanswerd' at 0: did you mean tls.clienthello.unanswered?", 0],
  ['TCP', "unknown field 'TCP' at 0: did you mean tcp?", 0],
  ['tcp and ethx.addr == 1', "unknown field 'ethx.addr' at 8", 8],
  ['tcp.frobnicate', "unknown field 'tcp.frobnicate' at 0 (tcp fields: tcp.port, tcp.srcport, tcp.dstport, tcp.stream, tcp.len, tcp.flags, tcp.flags.fin, tcp.flags.syn, ...)", 0],
  ['3 == frame.number', "'3' is not a field at 0: a test starts with a field name (the value goes on the right, as in 'tcp.port == 443')", 0],
  ['"tcp"', `'"tcp"' is not a field at 0: a test starts with a field name (the value goes on the right, as in 'tcp.port == 443')`, 0],
  // values
  ['tcp.port ==', "expected a value after '==' at 11", 11],
  ['ip.addr == ', "expected a value after '==' at 11", 11],
  ['tcp.port == )', "expected a value after '==' at 12, found ')'", 12],
  ['http.request.method == and tcp', "expected a value after '==' at 23, found 'and'", 23],
  ['tcp.port == 99999', "'99999' is too big for tcp.port at 12: maximum 65535", 12],
  ['radius.code == 256', "'256' is too big for radius.code at 15: maximum 255", 15],
  ['frame.number == 1.5', "'1.5' is not a valid integer for frame.number at 16", 16],
  ['frame.number == 0x', "'0x' is not a valid integer for frame.number at 16", 16],
  ['frame.number == 09', "'09' is not a valid integer for frame.number at 16", 16],
  ['frame.len > -1', "'-1' is negative at 12: frame.len is unsigned", 12],
  ['frame.number == "3"', 'frame.number takes a number, not a string, at 16: write 3 without quotes', 16],
  ['tcp.flags.syn == yes', "'yes' is not a valid integer for tcp.flags.syn at 17 (use 1, 0, True or False)", 17],
  ['radius.code == Access-Reject', "'Access-Reject' is not a valid integer for radius.code at 15 (value names are not supported: Access-Request is 1, Access-Accept 2, Access-Reject 3, Accounting-Request 4, Accounting-Response 5, Access-Challenge 11)", 15],
  ['frame.time_relative > "2"', "'2' is not a valid time for frame.time_relative at 22: write seconds, like 1.5 (up to 9 decimals)", 22],
  ['frame.time_relative > 1e-1', "'1e-1' is not a valid time for frame.time_relative at 22: write seconds, like 1.5 (up to 9 decimals)", 22],
  ['frame.time_relative > 0.0000000001', "'0.0000000001' is not a valid time for frame.time_relative at 22: write seconds, like 1.5 (up to 9 decimals)", 22],
  // addresses
  ['ip.addr == fe80::1', "'fe80::1' is an IPv6 address, not IPv4 at 11; use ipv6.addr, ipv6.src or ipv6.dst", 11],
  ['ipv6.addr == 10.0.0.1', "'10.0.0.1' is an IPv4 address, not IPv6 at 13; use ip.addr, ip.src or ip.dst", 13],
  ['ip.addr == 10.61.10', "'10.61.10' is not a valid IPv4 address (host names are not resolved) at 11", 11],
  ['ip.addr == 10.61.10.256', "'10.61.10.256' is not a valid IPv4 address (host names are not resolved) at 11", 11],
  ['ip.addr == login.microsoftonline.com', "'login.microsoftonline.com' is not a valid IPv4 address (host names are not resolved) at 11", 11],
  ['ip.addr == 10.61.10.10/33', 'netmask bits in a CIDR IPv4 address should be <= 32, not 33 at 11', 11],
  ['ip.addr == 10.0.0.0/x', "'10.0.0.0/x' has no valid prefix length after '/' at 11", 11],
  ['ipv6.addr == 1:2:3:4:5:6:7:8:9', "'1:2:3:4:5:6:7:8:9' is not a valid IPv6 address (host names are not resolved) at 13", 13],
  ['ip.addr == "10.0.0.1"', 'an address is written without quotes at 11: ip.addr == 10.0.0.1', 11],
  ['ip.addr in {10.0.0.0/8..10.0.0.9}', 'a network (10.0.0.0/8) cannot end a range at 12', 12],
  // fields that cannot be compared, relations that do not apply
  ['tcp.analysis.retransmission == 1', "tcp.analysis.retransmission is a flag with no value and cannot be compared with '==' at 0: test it alone ('tcp.analysis.retransmission' or '!tcp.analysis.retransmission')", 0],
  ['tcp == 1', "tcp is a protocol and cannot be compared with '==' at 0: test it alone ('tcp' or '!tcp')", 0],
  ['radius in {1, 2}', "radius is a protocol and cannot be compared with 'in' at 0: test it alone ('radius' or '!radius')", 0],
  ['frame.number contains 3', "'contains' needs a text field at 13: frame.number is an integer", 13],
  ['dns.qry.name & 1', "'&' needs an integer field at 13: dns.qry.name is a text", 13],
  ['tcp.port == ip.addr', 'tcp.port and ip.addr cannot be compared at 9: an integer and an IPv4 address', 9],
  ['frame.time_relative > tcp.len', 'frame.time_relative can only be compared with a value, not a field, at 20', 20],
  ['tcp.port == tcp', "tcp is a protocol and cannot be compared with '==' at 12: test it alone ('tcp' or '!tcp')", 12],
  ['dns.qry.name matches "micro"', "'matches' (regular expressions) is not supported (at 13)", 13],
  ['tcp xor udp', "'xor' is not in Wireshark 4.0's filter language: write (a and not b) or (not a and b) (at 4)", 4],
  ['lower(dns.qry.name) == "x"', "function 'lower()' is not supported at 0", 0],
  ['tcp.port[0:2] == 01:bb', "slices ('tcp.port[...]') are not supported at 8", 8],
  // structure
  ['(tcp', "missing ')' at 4 to close the '(' at 0", 4],
  ['((tcp) or udp', "missing ')' at 13 to close the '(' at 0", 13],
  ['tcp)', "unexpected ')' at 3: no '(' to close", 3],
  ['()', "expected a field, 'not' or '(' after '(' at 1, found ')'", 1],
  ['tcp and', "expected a field, 'not' or '(' after 'and' at 7", 7],
  ['tcp ||', "expected a field, 'not' or '(' after '||' at 6", 6],
  ['not', "expected a field, 'not' or '(' after 'not' at 3", 3],
  ['and tcp', "expected a field, 'not' or '(' at 0, found 'and'", 0],
  ['&& tcp', "expected a field, 'not' or '(' at 0, found '&&'", 0],
  ['tcp AND udp', "unexpected 'AND' at 4: keywords are lowercase ('and')", 4],
  ['tcp udp', "unexpected 'udp' at 4: expected 'and', 'or' or the end of the filter", 4],
  ['frame.number 3', "unexpected '3' at 13: expected 'and', 'or' or the end of the filter", 13],
  ['tcp.port == 80 == 80', "unexpected '==' at 15: comparisons cannot be chained; join them with 'and'", 15],
  ['tcp.port == 3 ! udp', "unexpected '!' at 14: expected 'and', 'or' or the end of the filter", 14],
  // sets
  ['frame.number in {}', 'empty set at 16: a set needs at least one value', 16],
  ['frame.number in {1,}', "expected a value after ',' at 19, found '}'", 19],
  ['frame.number in {1', "missing '}' at 18 to close the set opened at 16", 18],
  ['frame.number in {1..}', "expected the end of the range after '..' at 20, found '}'", 20],
  ['frame.number in 1', "expected '{' to start a set after 'in' at 16, found '1'", 16],
  ['frame.number in {1 (2)}', "unexpected '(' at 19 in the set after 'in': expected ',' or '}'", 19],
  ['tcp.port in {tcp.srcport}', "'tcp.srcport' is a field at 13: sets hold values only", 13],
  ['tcp.flags.syn in {0..1}', 'a range of booleans makes no sense at 19', 19],
  // lexical
  ['dns.qry.name == "abc', `unterminated string starting at 16: a closing '"' is missing`, 16],
  ['dns.qry.name == "a\\qb"', "unknown escape '\\q' in a string at 18: use \\\\ for a backslash", 18],
  ["dns.qry.name == 'abc'", `unexpected "'" at 16: strings are written in double quotes`, 16],
  ['tcp.port = 80', "'=' is not an operator at 9: use '==' to compare", 9],
  ['tcp.port == 80 | udp', "unexpected character '|' at 15", 15],
  ['tcp.port == $', "unexpected character '$' at 12", 12],
  ['tcp.port == 80 ☃', "unexpected character '☃' at 15", 15],
];

describe('error messages name the problem and its position', () => {
  for (const [filter, message, at] of ERRORS) {
    test(filter, () => {
      const r = compileFilter(filter, cols);
      expect(r).toEqual({ ok: false, error: message, at });
      expect(parseFilter(filter)).toEqual({ ok: false, error: message, at });
    });
  }
});

describe('hostile input is refused, quickly, with a reason', () => {
  const refused = (text: string, pattern: RegExp) => {
    const t0 = performance.now();
    const r = compileFilter(text, cols);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(pattern);
      expect(r.at).toBeGreaterThanOrEqual(0);
      expect(r.at).toBeLessThanOrEqual(text.length);
    }
  };

  test('deep nesting', () => {
    refused('('.repeat(100_000) + 'tcp' + ')'.repeat(100_000), /too long|nested too deeply/);
    refused('('.repeat(FILTER_LIMITS.depth + 1) + 'tcp' + ')'.repeat(FILTER_LIMITS.depth + 1), /nested too deeply at 64: more than 64 levels/);
    refused('!'.repeat(50_000) + 'tcp', /more than 40000 tokens/);
    refused('!'.repeat(1000) + 'tcp', /nested too deeply/);
    refused('not '.repeat(1000) + 'tcp', /nested too deeply/);
    expect(compileFilter('('.repeat(FILTER_LIMITS.depth) + 'tcp' + ')'.repeat(FILTER_LIMITS.depth), cols).ok).toBe(true);
  });

  test('size', () => {
    refused('tcp or '.repeat(FILTER_LIMITS.tests) + 'tcp', /more than 500 tests/);
    refused('x'.repeat(FILTER_LIMITS.length + 1), /filter too long: 100001 characters, at most 100000/);
    refused(`tcp.port in {${Array.from({ length: FILTER_LIMITS.setItems + 1 }, (_, k) => k % 65536).join(',')}}`, /set too large/);
    refused('( '.repeat(45_000), /too large|nested too deeply/);
    expect(compileFilter('tcp or '.repeat(FILTER_LIMITS.tests - 1) + 'tcp', cols).ok).toBe(true);
  });

  test('a large set stays fast: sorted ranges, not a scan per frame', () => {
    const set = Array.from({ length: 4000 }, (_, k) => `${k * 16}..${k * 16 + 5}`).join(', ');
    const r = compileFilter(`tcp.port in {${set}} || ip.addr in {${Array.from({ length: 2000 }, (_, k) => `10.${k >> 8}.${k & 255}.0/24`).join(', ')}}`, cols);
    expect(r.ok && r.fields).toEqual(['tcp.port', 'ip.addr']);
  });

  test('random text never throws and reports an offset inside the text', () => {
    const alphabet = ['tcp', 'ip.addr', 'frame.number', '==', '!=', 'in', '{', '}', '(', ')', ',', '..', 'and', 'or', 'not', '!', '"x"', '"', '\\', '10.0.0.1', '/8', '::', '443', '0x1', '-', ' ', '&&', '||', '~=', 'contains', 'tcp.flags.syn', 'True', 'é', '\u0000', 'tls.clienthello.unanswered', '[', ']', '='];
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let ok = 0;
    for (let k = 0; k < 5000; k++) {
      const parts = Array.from({ length: 1 + rnd(12) }, () => alphabet[rnd(alphabet.length)]!);
      const text = parts.join(rnd(2) ? ' ' : '');
      const r = compileFilter(text, cols);
      if (r.ok) {
        ok++;
        for (let i = 0; i < cols.count; i++) expect(typeof r.predicate(i)).toBe('boolean');
      } else {
        expect(r.at, text).toBeGreaterThanOrEqual(0);
        expect(r.at, text).toBeLessThanOrEqual(text.length);
        expect(r.error.length).toBeGreaterThan(0);
      }
    }
    expect(ok).toBeGreaterThan(50); // the alphabet makes valid filters too
  });

  test('not even a non-string throws', () => {
    expect(compileFilter(undefined as unknown as string, cols)).toEqual({ ok: false, error: 'the filter is not text', at: 0 });
    expect(compileFilter({} as unknown as string, cols).ok).toBe(false);
  });
});
