// The checked syntax tree of a display filter: fields resolved, literals converted to the field's type.

import type { AddressLiteral } from './address.ts';
import type { FieldDef } from './fields.ts';

/**
 * Wireshark 4.0's relations on multi-valued fields (docs: wireshark-filter(4), "Comparison operators";
 * release notes 4.0: "a != b now always has the same meaning as !(a == b)"):
 *   ==, eq, any_eq        any value equals                      ===, all_eq        every value equals
 *   !=, ne, all_ne, !==   every value differs (= !(a == b) on a frame that has the field)
 *   ~=, any_ne            some value differs                    <, <=, >, >=, contains, &   some value
 * Every relation is false on a frame without the field (tshark: `tcp.port != 443` shows no UDP frame).
 */
export type Quantifier = 'any' | 'all';
export type Relation = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'bitand';

export interface FieldRef {
  def: FieldDef;
  at: number;
}

export type Literal =
  | { kind: 'num'; v: number }
  | { kind: 'str'; v: string }
  | { kind: 'addr'; a: AddressLiteral }
  /** A relative time, sec + nsec / 1e9 exactly, nsec in 0 .. 999 999 999 (so -1.5 s is sec -2, nsec 5e8). */
  | { kind: 'time'; sec: number; nsec: number };

export interface SetItem {
  lo: Literal;
  /** The upper end of a range "lo..hi" (inclusive, as Wireshark's), else null. */
  hi: Literal | null;
}

export type FilterNode =
  | { kind: 'all' }
  | { kind: 'and' | 'or'; items: FilterNode[] }
  | { kind: 'not'; item: FilterNode }
  | { kind: 'exists'; field: FieldRef }
  | { kind: 'compare'; q: Quantifier; rel: Relation; field: FieldRef; value: Literal }
  | { kind: 'compare-fields'; q: Quantifier; rel: Relation; field: FieldRef; other: FieldRef }
  | { kind: 'in'; field: FieldRef; items: SetItem[] };

/** Bounds against hostile input: the parser stops with an error past any of them. */
export const FILTER_LIMITS = {
  /** Characters of filter text. */
  length: 100_000,
  tokens: 40_000,
  /** Nesting of parentheses and not. */
  depth: 64,
  /** Tests (field, comparison or set membership) in one filter: each costs time on every frame. */
  tests: 500,
  /** Elements of all sets together (a set is a sorted range list: cost log n per value). */
  setItems: 10_000,
} as const;
