// The public surface of the core: what the worker, the CLI, the tests and the benchmarks may import.

export type { Diagnostic, DiagnosticSink, ProblemKind, Severity } from './base/diagnostics.ts';
export { CaptureFormatError, CancelledError } from './base/errors.ts';
export { formatEpoch, formatIso } from './base/time.ts';
export { readCapture } from './formats/capture-reader.ts';
export type { ChunkSource, Gunzip, ReadOptions, CaptureReadResult } from './formats/capture-reader.ts';
export type { FrameSink } from './formats/frame-sink.ts';
export type { RawFrame, InterfaceInfo, FormatSummary, CaptureComment } from './formats/raw-frame.ts';
export { FrameIndex } from './formats/frame-index.ts';
export { scanCapture, analyseCapture } from './pipeline.ts';
export type { ScanOptions, ScanResult, AnalyseOptions, Analysis } from './pipeline.ts';
export type { Report, ReportFinding, ReportVerdict, ReportTransaction, ReportAttempt, ReportEvent, ReportLookup, ReportHost } from './report/schema.ts';
export { REPORT_VERSION } from './report/schema.ts';
export { renderText, wiresharkFilter } from './report/render-text.ts';
export { CATALOGUE } from './analysis/diagnosis/catalogue.ts';
export type { FrameVisit } from './analysis/frame-visit.ts';
export type { ConversationSummary } from './analysis/conversations.ts';
export { RadiusTracker } from './analysis/radius/radius-tracker.ts';
export type { RadiusFrameInfo, RadiusTransaction, RadiusTrackerOptions, RadiusRecord, RadiusSummary } from './analysis/radius/radius-types.ts';
export { radiusRecord, radiusInfoText } from './analysis/radius/radius-record.ts';
export { PacketRecordBuilder } from './report/packet-record.ts';
export type { PacketRecord } from './report/packet-record.ts';
