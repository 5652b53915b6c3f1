export const FAILURE_VERDICT: 'tls.clienthello.unanswered';

export interface ManifestFailure {
  instance: number;
  nas?: string;
  radius_server?: string;
  radius_id?: number;
  frames: Record<string, { frame: number; time: string }>;
  [key: string]: unknown;
}

export interface InstanceCheck {
  instance: number;
  ok: boolean;
  transaction: number | null;
  problems: string[];
}

export interface FailureCheck {
  ok: boolean;
  expected: number;
  found: number;
  instances: InstanceCheck[];
}

export function instanceFrames(instance: ManifestFailure): number[];
export function checkFailures(manifest: { failures?: ManifestFailure[] }, report: unknown): FailureCheck;
export function describeCheck(check: FailureCheck): string;
