// The display filter (a Wireshark 4.0 subset) compiled to a predicate over per-frame columns: the public
// surface of core/filter. README.md beside this file describes the language and its differences from Wireshark.

export { compileFilter, parseFilter, matchingFrames } from './compile.ts';
export type { CompiledFilter, FilterParse, Predicate } from './compile.ts';
export { Layer, layersOf, PROTO_CODE } from './columns.ts';
export type { FrameColumns, RadiusFields, DnsFields, TlsFields, HttpFields } from './columns.ts';
export { AddressTable, parseAddressLiteral, addressText } from './address.ts';
export type { AddressLiteral } from './address.ts';
export { FilterColumnsBuilder } from './builder.ts';
export type { FilterColumnsExtras } from './builder.ts';
export { memoryColumns } from './memory-columns.ts';
export type { FrameRow } from './memory-columns.ts';
export { FIELDS, FINDING_FIELDS, suggestField } from './fields.ts';
export type { FieldDef, FieldType } from './fields.ts';
export { FILTER_LIMITS } from './ast.ts';
