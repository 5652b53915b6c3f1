// Tokens of the display-filter language, as Wireshark 4.0's dfilter scanner (epan/dfilter/scanner.l) cuts them:
// operators, double-quoted strings with C escapes, and "words": unquoted runs of letters, digits and . : / - _
// that the parser reads as a field name, a keyword, a number, an address or a bare string as the context
// wants. ".." (a set range) ends a word, so {1..5} and {10.0.0.1..10.0.0.9} split where they should.

export interface Token {
  kind: 'word' | 'string' | 'op' | 'end';
  /** The source text (for a string: with its quotes). */
  text: string;
  /** A string's decoded value; otherwise the text. */
  value: string;
  /** 0-based offset in the filter. */
  at: number;
}

export class FilterError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

const OPERATORS = ['!==', '===', '==', '!=', '~=', '<=', '>=', '&&', '||', '..', '<', '>', '!', '(', ')', '{', '}', ',', '&', '[', ']', '='];
const WORD = /[A-Za-z0-9_.:/-]/;
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function readString(text: string, start: number): { value: string; end: number } | FilterError {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return { value, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    if (e in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === 'x' && /^[0-9a-fA-F]{1,2}/.test(text.slice(i + 2, i + 4))) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4))![0];
      value += String.fromCharCode(parseInt(hex, 16));
      i += 2 + hex.length;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))![0];
      value += String.fromCharCode(parseInt(oct, 8) & 0xff);
      i += 1 + oct.length;
    } else if ((e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) || (e === 'U' && /^[0-9a-fA-F]{8}$/.test(text.slice(i + 2, i + 10)))) {
      const n = e === 'u' ? 4 : 8;
      const cp = parseInt(text.slice(i + 2, i + 2 + n), 16);
      if (cp > 0x10ffff) return new FilterError(`invalid character escape '\\${text.slice(i + 1, i + 2 + n)}' at ${i}`, i);
      value += String.fromCodePoint(cp);
      i += 2 + n;
    } else {
      return new FilterError(`unknown escape '\\${e}' in a string at ${i}: use \\\\ for a backslash`, i);
    }
  }
  return new FilterError(`unterminated string starting at ${start}: a closing '"' is missing`, start);
}

/** The tokens of `text`, ending with an 'end' token; or the first lexical error. */
export function tokenize(text: string, maxTokens: number): Token[] | FilterError {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (out.length >= maxTokens) return new FilterError(`filter too large at ${i}: more than ${maxTokens} tokens`, i);
    if (ch === '"') {
      const s = readString(text, i);
      if (s instanceof FilterError) return s;
      out.push({ kind: 'string', text: text.slice(i, s.end), value: s.value, at: i });
      i = s.end;
      continue;
    }
    if (WORD.test(ch) && !(ch === '.' && text[i + 1] === '.')) {
      let j = i + 1;
      while (j < text.length && WORD.test(text[j]!) && !(text[j] === '.' && text[j + 1] === '.')) j++;
      const w = text.slice(i, j);
      out.push({ kind: 'word', text: w, value: w, at: i });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) {
      if (ch === "'") return new FilterError(`unexpected "'" at ${i}: strings are written in double quotes`, i);
      const shown = String.fromCodePoint(text.codePointAt(i)!);
      return new FilterError(`unexpected character '${shown}' at ${i}`, i);
    }
    if (op === '=') return new FilterError(`'=' is not an operator at ${i}: use '==' to compare`, i);
    out.push({ kind: 'op', text: op, value: op, at: i });
    i += op.length;
  }
  out.push({ kind: 'end', text: '', value: '', at: text.length });
  return out;
}
