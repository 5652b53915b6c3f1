// Strings out of a capture as the page and the CLI's text output show them. React renders them as text, so
// markup never runs; but a control character (NUL, BEL, ESC, a line break) would show as a box or break a
// line, and a bidi control (U+202E RIGHT-TO-LEFT OVERRIDE...) would reorder the text around it ("gpj.exe"
// shown as "exe.jpg", a sentence read backwards); on a terminal an ESC sequence would recolour or rewrite
// the screen. Such characters are written as escapes, as Wireshark's format_text does for characters GLib
// does not call printable (Control, Format, line and paragraph separators, surrogates): `\n`, `\r`, `\t`,
// `\xNN` for the other C0 and C1 controls and DEL, `\uNNNN` (or `\u{NNNNN}`) for the rest. The result holds
// only printable characters, so escaping twice changes nothing.

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  const hex = cp.toString(16).toUpperCase();
  return cp > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** `s` with every control, format and separator character replaced by its escape. */
export function displayText(s: string): string {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(s) ? s.replace(HIDDEN, escape) : s;
}

/** Plain data (objects, arrays, strings, numbers) with `f` applied to every string; typed arrays (a frame's
 * bytes) and other non-plain objects are kept as they are. Copy on write: an array or object none of whose
 * strings change is returned itself, so a report of ordinary text costs no copy (and no garbage). */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const m = mapStrings(v, f);
      if (out === null && m !== v) out = value.slice(0, i);
      out?.push(m);
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const src = value as Record<string, unknown>;
    let out: Record<string, unknown> | null = null;
    for (const k of Object.keys(src)) {
      const v = src[k];
      const m = mapStrings(v, f);
      if (out === null && m !== v) out = { ...src };
      if (out !== null) out[k] = m;
    }
    return (out ?? value) as T;
  }
  return value;
}

/** Plain data (what the worker or a share link gives) with every string passed through displayText. */
export function forDisplay<T>(value: T): T {
  return mapStrings(value, displayText);
}

/** Longest word (run without white space) shown in running text: radscope's own are under 60 characters. */
export const MAX_WORD = 200;
/** Longest string shown in running text: radscope's own sentences are under 400 characters. */
export const MAX_TEXT = 2_000;

/** The first `n - 1` characters and "…", never splitting a surrogate pair. */
function cut(s: string, n: number): string {
  const end = /[\ud800-\udbff]/.test(s.charAt(n - 2)) ? n - 2 : n - 1;
  return `${s.slice(0, end)}…`;
}

const LONG_WORD = new RegExp(`\\S{${MAX_WORD + 1},}`, 'g');

function clipText(s: string): string {
  const out = s.length > MAX_WORD ? s.replace(LONG_WORD, (w) => cut(w, MAX_WORD)) : s;
  return out.length > MAX_TEXT ? cut(out, MAX_TEXT) : out;
}

/**
 * Plain data with overlong words and strings cut, ending in "…": a crafted 10,000-character SNI repeated in
 * a verdict's sentences would fill screens. For what the verdict, the timeline and the tables show; the
 * packet details keep the whole value, and the share dialog gets the report as it is (its redaction must
 * find the same names everywhere).
 */
export function clipForDisplay<T>(value: T): T {
  return mapStrings(value, clipText);
}
