import { describe, expect, test } from 'vitest';
import { clipForDisplay, displayText, forDisplay, MAX_TEXT, MAX_WORD } from './display-text.ts';

describe('displayText', () => {
  test('control characters become escapes, as Wireshark shows them', () => {
    expect(displayText('a\u0000b\u0007c\u001b[31m\n\r\t\u007f\u0085')).toBe('a\\x00b\\x07c\\x1b[31m\\n\\r\\t\\x7f\\x85');
  });

  test('bidi controls and invisible format characters become escapes: nothing reorders or hides text', () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "user\u202Egpj.exe" as "userexe.jpg"
    expect(displayText('user\u202egpj.exe')).toBe('user\\u202Egpj.exe');
    expect(displayText('\u2066\u2069\u200b\u200f\u061c\ufeff\u2028\u2029')).toBe('\\u2066\\u2069\\u200B\\u200F\\u061C\\uFEFF\\u2028\\u2029');
    expect(displayText('tag\u{e0041}')).toBe('tag\\u{E0041}');
    expect(displayText('lone \ud800 surrogate')).toBe('lone \\uD800 surrogate');
  });

  test('printable text, markup and right-to-left letters stay as they are', () => {
    for (const s of ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', 'login.microsoftonline.com', 'שלום', 'Grüße 😀', 'a\\x07b']) {
      expect(displayText(s)).toBe(s);
    }
  });

  test('escaping twice changes nothing', () => {
    const once = displayText('\u0000\u202e\n\u{e0041}x');
    expect(displayText(once)).toBe(once);
  });
});

describe('forDisplay', () => {
  test('every string of plain data is escaped; numbers, null and byte arrays are kept', () => {
    const bytes = Uint8Array.of(0, 7, 27);
    const got = forDisplay({ name: 'a\u0007', n: 3, none: null, list: ['\u202e', { label: 'x\ny' }], bytes });
    expect(got).toEqual({ name: 'a\\x07', n: 3, none: null, list: ['\\u202E', { label: 'x\\ny' }], bytes });
    expect(got.bytes).toBe(bytes);
  });

  test('the input is not changed', () => {
    const input = { s: '\u0000', list: ['a', '\u0007'], kept: { t: 'b' } };
    const got = forDisplay(input);
    expect(input).toEqual({ s: '\u0000', list: ['a', '\u0007'], kept: { t: 'b' } });
    expect(got).toEqual({ s: '\\x00', list: ['a', '\\x07'], kept: { t: 'b' } });
  });

  test('data with nothing to escape is returned as it is, not copied', () => {
    const input = { s: 'ok', list: ['a', { b: 'c' }], n: 1 };
    expect(forDisplay(input)).toBe(input);
    const partly = { clean: { x: 'y' }, dirty: { x: '\n' } };
    const got = forDisplay(partly);
    expect(got.clean).toBe(partly.clean);
    expect(got.dirty).toEqual({ x: '\\n' });
  });
});

describe('clipForDisplay', () => {
  test('a word longer than MAX_WORD is cut to MAX_WORD characters ending in "…"; the words around it stay', () => {
    const sni = `x${'A'.repeat(9_999)}`;
    const got = clipForDisplay({ summary: `The server called ${sni} (203.0.113.5:443), but...`, n: 1 });
    expect(got.summary).toBe(`The server called x${'A'.repeat(MAX_WORD - 2)}… (203.0.113.5:443), but...`);
    expect(got.n).toBe(1);
  });

  test('a string longer than MAX_TEXT is cut, even when made of short words', () => {
    const got = clipForDisplay('ab '.repeat(1_000));
    expect(got.length).toBe(MAX_TEXT);
    expect(got.endsWith('…')).toBe(true);
  });

  test('radscope-sized text is kept as it is; a surrogate pair is never split', () => {
    const s = 'A TCP handshake that succeeds followed by silence after the ClientHello: "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"';
    expect(clipForDisplay(s)).toBe(s);
    const emoji = `${'a'.repeat(MAX_WORD - 2)}😀${'b'.repeat(10)}`;
    expect(clipForDisplay(emoji)).toBe(`${'a'.repeat(MAX_WORD - 2)}…`);
  });
});
