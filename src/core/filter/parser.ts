// The display-filter grammar of Wireshark 4.0 (epan/dfilter/grammar.lemon), the subset radscope evaluates:
//
//   filter   := or-expr | (empty: every frame)
//   or-expr  := and-expr (("or" | "||") and-expr)*        "and" binds tighter than "or" (4.0 release notes;
//   and-expr := not-expr (("and" | "&&") not-expr)*        tshark: `a or b and c` is `a or (b and c)`)
//   not-expr := ("not" | "!") not-expr | "(" or-expr ")" | test
//   test     := field [relation value | "in" set | "not" "in" set]
//   set      := "{" item ([","] item)* "}"   item := value [".." value]
//
// Keywords are lowercase, as in Wireshark ("AND" is an error there too). A set's elements are separated by
// commas in Wireshark 4.0 (whitespace alone was the 3.x syntax, an error in 4.0): both are accepted here.
// The left side of a relation must be a field (4.0: "Left side of == expression must be a field or function");
// a bare word on the right that names a field compares two fields, as in Wireshark.

import { FILTER_LIMITS, type FieldRef, type FilterNode, type Literal, type Quantifier, type Relation, type SetItem } from './ast.ts';
import { FIELDS, suggestField } from './fields.ts';
import { FilterError, type Token } from './lexer.ts';
import { checkRelation, compareLiterals, convertLiteral, notComparable, TYPE_NAMES } from './literals.ts';

const RELATIONS: Record<string, [Quantifier, Relation]> = {
  '==': ['any', 'eq'], eq: ['any', 'eq'], any_eq: ['any', 'eq'],
  '===': ['all', 'eq'], all_eq: ['all', 'eq'],
  '!=': ['all', 'ne'], '!==': ['all', 'ne'], ne: ['all', 'ne'], all_ne: ['all', 'ne'],
  '~=': ['any', 'ne'], any_ne: ['any', 'ne'],
  '<': ['any', 'lt'], lt: ['any', 'lt'], '<=': ['any', 'le'], le: ['any', 'le'],
  '>': ['any', 'gt'], gt: ['any', 'gt'], '>=': ['any', 'ge'], ge: ['any', 'ge'],
  contains: ['any', 'contains'], '&': ['any', 'bitand'], bitwise_and: ['any', 'bitand'],
};
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'eq', 'any_eq', 'all_eq', 'ne', 'any_ne', 'all_ne', 'lt', 'le', 'gt', 'ge', 'contains', 'matches', 'bitwise_and']);
const UNSUPPORTED: Record<string, string> = {
  matches: "'matches' (regular expressions) is not supported",
  xor: "'xor' is not in Wireshark 4.0's filter language: write (a and not b) or (not a and b)",
};

export class Parser {
  private pos = 0;
  private depth = 0;
  private tests = 0;
  private setItems = 0;
  readonly fields: string[] = [];

  constructor(private readonly toks: Token[]) {}

  parse(): FilterNode {
    if (this.peek().kind === 'end') return { kind: 'all' };
    const node = this.orExpr();
    const t = this.peek();
    if (t.kind !== 'end') throw this.unexpectedAfterTest(t);
    return node;
  }

  private peek(k = 0): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }

  private isWord(t: Token, ...words: string[]): boolean {
    return t.kind === 'word' && words.includes(t.value);
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === 'op' && ops.includes(t.value);
  }

  private describe(t: Token): string {
    return t.kind === 'end' ? 'end of filter' : `'${t.text.length > 40 ? t.text.slice(0, 40) + '...' : t.text}'`;
  }

  private orExpr(): FilterNode {
    const items = [this.andExpr()];
    while (this.isWord(this.peek(), 'or') || this.isOp(this.peek(), '||')) {
      this.next();
      items.push(this.andExpr());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private andExpr(): FilterNode {
    const items = [this.notExpr()];
    while (this.isWord(this.peek(), 'and') || this.isOp(this.peek(), '&&')) {
      this.next();
      items.push(this.notExpr());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private enter(t: Token): void {
    if (++this.depth > FILTER_LIMITS.depth) {
      throw new FilterError(`filter nested too deeply at ${t.at}: more than ${FILTER_LIMITS.depth} levels of parentheses and 'not'`, t.at);
    }
  }

  private notExpr(): FilterNode {
    const t = this.peek();
    if (this.isWord(t, 'not') || this.isOp(t, '!')) {
      this.next();
      this.enter(t);
      const item = this.notExpr();
      this.depth--;
      return { kind: 'not', item };
    }
    if (this.isOp(t, '(')) {
      this.next();
      this.enter(t);
      const inner = this.orExpr();
      const close = this.peek();
      if (!this.isOp(close, ')')) {
        if (close.kind === 'end') throw new FilterError(`missing ')' at ${close.at} to close the '(' at ${t.at}`, close.at);
        throw this.unexpectedAfterTest(close);
      }
      this.next();
      this.depth--;
      return inner;
    }
    return this.test();
  }

  /** What went wrong where a test ended and and/or/)/end should follow. */
  private unexpectedAfterTest(t: Token): FilterError {
    if (this.isOp(t, ')')) return new FilterError(`unexpected ')' at ${t.at}: no '(' to close`, t.at);
    if (t.kind === 'word' && /^(and|or|not|in)$/i.test(t.value) && t.value !== t.value.toLowerCase()) {
      return new FilterError(`unexpected '${t.value}' at ${t.at}: keywords are lowercase ('${t.value.toLowerCase()}')`, t.at);
    }
    if (t.kind === 'word' && t.value in UNSUPPORTED) return new FilterError(`${UNSUPPORTED[t.value]} (at ${t.at})`, t.at);
    if (t.value in RELATIONS) return new FilterError(`unexpected ${this.describe(t)} at ${t.at}: comparisons cannot be chained; join them with 'and'`, t.at);
    return new FilterError(`unexpected ${this.describe(t)} at ${t.at}: expected 'and', 'or' or the end of the filter`, t.at);
  }

  private expected(what: string, t: Token): FilterError {
    const prev = this.pos > 0 ? this.toks[this.pos - 1] : undefined;
    const after = prev !== undefined && prev !== t ? ` after '${prev.text}'` : '';
    const found = t.kind === 'end' ? '' : `, found ${this.describe(t)}`;
    return new FilterError(`expected ${what}${after} at ${t.at}${found}`, t.at);
  }

  private field(t: Token): FieldRef {
    const def = t.kind === 'word' ? FIELDS.get(t.value) : undefined;
    if (def !== undefined) {
      if (!this.fields.includes(def.name)) this.fields.push(def.name);
      return { def, at: t.at };
    }
    if (t.kind === 'string' || (t.kind === 'word' && /^[-0-9:]/.test(t.value))) {
      throw new FilterError(`${this.describe(t)} is not a field at ${t.at}: a test starts with a field name (the value goes on the right, as in 'tcp.port == 443')`, t.at);
    }
    if (t.kind !== 'word') throw this.expected("a field, 'not' or '('", t);
    if (t.value in UNSUPPORTED) throw new FilterError(`${UNSUPPORTED[t.value]} (at ${t.at})`, t.at);
    if (KEYWORDS.has(t.value)) throw this.expected("a field, 'not' or '('", t);
    if (this.isOp(this.peek(1), '(')) throw new FilterError(`function '${t.value}()' is not supported at ${t.at}`, t.at);
    const guess = suggestField(t.value);
    if (guess !== null) throw new FilterError(`unknown field '${t.value}' at ${t.at}: did you mean ${guess}?`, t.at);
    const proto = t.value.split('.')[0]!;
    const siblings = [...FIELDS.keys()].filter((n) => n.startsWith(proto + '.'));
    const known = siblings.length > 0 ? ` (${proto} fields: ${siblings.slice(0, 8).join(', ')}${siblings.length > 8 ? ', ...' : ''})` : '';
    throw new FilterError(`unknown field '${t.value}' at ${t.at}${known}`, t.at);
  }

  private test(): FilterNode {
    const ft = this.peek();
    if (ft.kind === 'end' || ft.kind === 'op') throw this.expected("a field, 'not' or '('", ft);
    const field = this.field(ft);
    this.next();
    if (++this.tests > FILTER_LIMITS.tests) throw new FilterError(`filter too large at ${ft.at}: more than ${FILTER_LIMITS.tests} tests`, ft.at);
    const op = this.peek();
    if (this.isOp(op, '[')) throw new FilterError(`slices ('${field.def.name}[...]') are not supported at ${op.at}`, op.at);
    if (op.kind === 'word' && op.value in UNSUPPORTED) throw new FilterError(`${UNSUPPORTED[op.value]} (at ${op.at})`, op.at);
    if (this.isWord(op, 'in') || (this.isWord(op, 'not') && this.isWord(this.peek(1), 'in'))) {
      const negated = op.value === 'not';
      this.next();
      if (negated) this.next();
      const node: FilterNode = { kind: 'in', field, items: this.set(field, op) };
      return negated ? { kind: 'not', item: node } : node;
    }
    const rel = (op.kind === 'op' || op.kind === 'word') && Object.hasOwn(RELATIONS, op.value) ? RELATIONS[op.value]! : null;
    if (rel === null) return { kind: 'exists', field };
    this.next();
    const [q, relation] = rel;
    const bad = notComparable(field.def, field.at, op.text) ?? checkRelation(field.def, relation, op.text, op.at);
    if (bad !== null) throw bad;
    const vt = this.peek();
    if ((vt.kind !== 'word' && vt.kind !== 'string') || (vt.kind === 'word' && KEYWORDS.has(vt.value))) throw this.expected('a value', vt);
    this.next();
    const other = vt.kind === 'word' ? FIELDS.get(vt.value) : undefined;
    if (other !== undefined) return this.compareFields(q, relation, field, { def: other, at: vt.at }, op);
    return { kind: 'compare', q, rel: relation, field, value: this.literal(field, vt, relation) };
  }

  private literal(field: FieldRef, t: Token, rel: Relation | null): Literal {
    const v = convertLiteral(field.def, t);
    if (v instanceof FilterError) throw v;
    if (v.kind === 'addr' && v.a.prefix < v.a.bytes.length * 8 && (rel === 'contains' || rel === 'bitand')) {
      throw new FilterError(`a network (${t.text}) cannot be used with this relation at ${t.at}`, t.at);
    }
    return v;
  }

  private compareFields(q: Quantifier, rel: Relation, a: FieldRef, b: FieldRef, op: Token): FilterNode {
    if (!this.fields.includes(b.def.name)) this.fields.push(b.def.name);
    const bad = notComparable(b.def, b.at, op.text);
    if (bad !== null) throw bad;
    if (a.def.type === 'time' || b.def.type === 'time') {
      throw new FilterError(`${a.def.type === 'time' ? a.def.name : b.def.name} can only be compared with a value, not a field, at ${op.at}`, op.at);
    }
    if (a.def.type !== b.def.type) {
      throw new FilterError(`${a.def.name} and ${b.def.name} cannot be compared at ${op.at}: ${TYPE_NAMES[a.def.type]} and ${TYPE_NAMES[b.def.type]}`, op.at);
    }
    return { kind: 'compare-fields', q, rel, field: a, other: b };
  }

  private set(field: FieldRef, inTok: Token): SetItem[] {
    const bad = notComparable(field.def, field.at, 'in');
    if (bad !== null) throw bad;
    const open = this.peek();
    if (!this.isOp(open, '{')) throw this.expected("'{' to start a set", open);
    this.next();
    if (this.isOp(this.peek(), '}')) throw new FilterError(`empty set at ${open.at}: a set needs at least one value`, open.at);
    const items: SetItem[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'end') throw new FilterError(`missing '}' at ${t.at} to close the set opened at ${open.at}`, t.at);
      if (t.kind !== 'word' && t.kind !== 'string') throw this.expected('a value in the set', t);
      if (++this.setItems > FILTER_LIMITS.setItems) throw new FilterError(`set too large at ${t.at}: more than ${FILTER_LIMITS.setItems} values`, t.at);
      if (t.kind === 'word' && FIELDS.has(t.value) && field.def.type !== 'string') {
        throw new FilterError(`'${t.value}' is a field at ${t.at}: sets hold values only`, t.at);
      }
      this.next();
      const lo = this.literal(field, t, null);
      let hi: Literal | null = null;
      if (this.isOp(this.peek(), '..')) {
        const dots = this.next();
        const ht = this.peek();
        if (ht.kind !== 'word' && ht.kind !== 'string') throw this.expected('the end of the range', ht);
        this.next();
        hi = this.literal(field, ht, null);
        if (field.def.type === 'bool') throw new FilterError(`a range of booleans makes no sense at ${dots.at}`, dots.at);
        for (const [lit, tok] of [[lo, t], [hi, ht]] as const) {
          if (lit.kind === 'addr' && lit.a.prefix < lit.a.bytes.length * 8) throw new FilterError(`a network (${tok.text}) cannot end a range at ${tok.at}`, tok.at);
        }
      }
      items.push({ lo, hi: hi !== null && compareLiterals(lo, hi) === 0 ? null : hi });
      const sep = this.peek();
      if (this.isOp(sep, '}')) {
        this.next();
        return items;
      }
      if (this.isOp(sep, ',')) {
        this.next();
        if (this.isOp(this.peek(), '}')) throw this.expected('a value', this.peek());
      } else if (sep.kind !== 'word' && sep.kind !== 'string') {
        throw sep.kind === 'end'
          ? new FilterError(`missing '}' at ${sep.at} to close the set opened at ${open.at}`, sep.at)
          : new FilterError(`unexpected ${this.describe(sep)} at ${sep.at} in the set after '${inTok.text}': expected ',' or '}'`, sep.at);
      }
    }
  }
}
