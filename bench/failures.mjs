// Does radscope find the failure instances that make-capture.py planted? Shared by `npm run bench` (run.mjs)
// and its test (scripts/bench-failures.test.ts). Plain ESM, no dependencies.
//
// The manifest (make-capture.py --manifest) lists each instance as
//   { instance, nas, radius_server, user, idp, idp_port, sni, radius_id, client_port,
//     frames: { access_request, syn, syn_ack, ack, client_hello, client_hello_retx1..5: { frame, time } } }
// An instance is found when the report (`radscope analyze --json`) has a transaction whose first request is the
// instance's Access-Request frame, and that transaction's verdict is tls.clienthello.unanswered with exactly the
// instance's frames as evidence (the request, the handshake, the ClientHello and its retransmissions).

export const FAILURE_VERDICT = 'tls.clienthello.unanswered';

/** The frame numbers of one manifest instance, ascending. */
export function instanceFrames(instance) {
  return Object.values(instance.frames ?? {})
    .map((f) => f.frame)
    .sort((a, b) => a - b);
}

/**
 * Checks every failure instance of `manifest` against `report`.
 * Returns { ok, expected, found, instances: [{ instance, ok, transaction, problems: string[] }] }.
 */
export function checkFailures(manifest, report) {
  const failures = Array.isArray(manifest?.failures) ? manifest.failures : [];
  const transactions = Array.isArray(report?.transactions) ? report.transactions : [];
  const byRequest = new Map();
  for (const t of transactions) {
    for (const r of t.requests ?? []) if (!byRequest.has(r.frame)) byRequest.set(r.frame, t);
  }
  const instances = failures.map((f) => {
    const problems = [];
    const want = instanceFrames(f);
    const req = f.frames?.access_request?.frame;
    const t = req === undefined ? undefined : byRequest.get(req);
    if (req === undefined) problems.push('the manifest gives no access_request frame');
    else if (t === undefined) problems.push(`no RADIUS transaction has request frame ${req}`);
    else {
      if (t.requests[0]?.frame !== req) problems.push(`frame ${req} is a retransmission in transaction ${t.index}, not its first request`);
      if (t.codeName !== 'Access-Request') problems.push(`transaction ${t.index} is ${t.codeName}, not Access-Request`);
      if (f.nas !== undefined && t.nas !== f.nas) problems.push(`NAS ${t.nas}, expected ${f.nas}`);
      if (f.radius_server !== undefined && t.server !== f.radius_server) problems.push(`server ${t.server}, expected ${f.radius_server}`);
      if (f.radius_id !== undefined && t.id !== f.radius_id) problems.push(`RADIUS id ${t.id}, expected ${f.radius_id}`);
      if (t.verdict == null) problems.push(`transaction ${t.index} has no verdict (status ${t.status})`);
      else {
        if (t.verdict.id !== FAILURE_VERDICT) problems.push(`verdict ${t.verdict.id}, expected ${FAILURE_VERDICT}`);
        const got = [...(t.verdict.frames ?? [])].sort((a, b) => a - b);
        const missing = want.filter((n) => !got.includes(n));
        const extra = got.filter((n) => !want.includes(n));
        if (missing.length) problems.push(`evidence lacks frames ${missing.join(', ')}`);
        if (extra.length) problems.push(`evidence has frames not in the manifest: ${extra.join(', ')}`);
      }
    }
    return { instance: f.instance, ok: problems.length === 0, transaction: t?.index ?? null, problems };
  });
  const found = instances.filter((i) => i.ok).length;
  return { ok: failures.length > 0 && found === failures.length, expected: failures.length, found, instances };
}

/** One line per instance, for the bench's output. */
export function describeCheck(check) {
  const lines = [`${check.ok ? 'PASS' : 'FAIL'}: ${check.found} of ${check.expected} failure instances found`];
  for (const i of check.instances) {
    lines.push(`  instance ${i.instance}: ${i.ok ? 'ok' : 'MISSED'}${i.transaction !== null ? ` (transaction ${i.transaction})` : ''}${i.problems.length ? ': ' + i.problems.join('; ') : ''}`);
  }
  return lines.join('\n');
}
