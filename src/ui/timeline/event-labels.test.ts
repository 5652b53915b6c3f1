import { describe, expect, it } from 'vitest';
import { clusterCandidates, clusterSegments, eventPriority, fullLabel, labelCandidates, repeatNumber, shortLabel, withoutName } from './event-labels.ts';

// Labels as the report of the lab's tls-blackhole capture gives them (frames 16-22, 9, 43).
describe('fullLabel', () => {
  it('adds the retransmission interval', () => {
    expect(fullLabel({ label: 'Retransmission #1', interval: 0.204468 })).toBe('Retransmission #1 (+204 ms)');
    expect(fullLabel({ label: 'SYN' })).toBe('SYN');
  });
  it('puts the interval inside a closing parenthesis', () => {
    expect(fullLabel({ label: 'Access-Request again (#1)', interval: 5.004456 })).toBe('Access-Request again (#1, +5 s)');
  });
});

describe('shortLabel', () => {
  it('drops what a short label does not need', () => {
    expect(shortLabel('ClientHello (SNI login.microsoftonline.com)')).toBe('ClientHello');
    expect(shortLabel('Retransmission #3')).toBe('Retr. #3');
    expect(shortLabel('SYN retransmission #2')).toBe('SYN retr. #2');
    expect(shortLabel('Access-Request again (#2)')).toBe('Again #2');
    expect(shortLabel('CONNECT login.microsoftonline.com:443')).toBe('CONNECT');
    expect(shortLabel('HTTP 403 Filtered')).toBe('HTTP 403');
    expect(shortLabel('Alert unknown_ca from the client')).toBe('Alert unknown_ca');
    expect(shortLabel('RST (server side)')).toBe('RST (server side)');
    expect(shortLabel('FIN (client)')).toBe('FIN');
    expect(shortLabel('data from the server')).toBe('data');
  });
  it("drops the name the lane's title shows", () => {
    expect(withoutName('A login.microsoftonline.com?', 'login.microsoftonline.com')).toBe('A?');
    expect(shortLabel('AAAA login.microsoftonline.com: no address', 'login.microsoftonline.com')).toBe('AAAA: no address');
    expect(withoutName('login.microsoftonline.com', 'login.microsoftonline.com')).toBe('login.microsoftonline.com');
  });
});

describe('labelCandidates', () => {
  it('goes from the full label to the bare number of a retransmission', () => {
    expect(labelCandidates({ label: 'Retransmission #6', interval: 3.331992, kind: 'retransmission' })).toEqual([
      'Retransmission #6 (+3.33 s)',
      'Retr. #6 +3.33 s',
      'Retr. #6',
      '#6',
    ]);
  });
  it('has one candidate for a short label', () => {
    expect(labelCandidates({ label: 'SYN', kind: 'syn' })).toEqual(['SYN']);
  });
  it('drops the lane name from a DNS answer', () => {
    expect(labelCandidates({ label: 'A login.microsoftonline.com: 172.30.64.40', kind: 'dns-response' }, 'login.microsoftonline.com')).toEqual(['A: 172.30.64.40']);
  });
});

describe('clusterCandidates', () => {
  it('names a handshake by its packets in order', () => {
    const c = clusterCandidates([
      { label: 'SYN', kind: 'syn' },
      { label: 'SYN/ACK', kind: 'syn-ack' },
      { label: 'ACK', kind: 'ack' },
      { label: 'ClientHello (SNI login.microsoftonline.com)', kind: 'client-hello' },
    ]);
    expect(c[0]).toBe('SYN · SYN/ACK · ACK · ClientHello');
    expect(c[c.length - 1]).toBe('4 packets');
  });
  it('names a run of retransmissions by its range', () => {
    const c = clusterCandidates([
      { label: 'Retransmission #1', kind: 'retransmission' },
      { label: 'Retransmission #2', kind: 'retransmission' },
      { label: 'Retransmission #3', kind: 'retransmission' },
    ]);
    expect(c).toEqual(['Retr. #1–#3', '#1–#3', '3 packets']);
    expect(clusterCandidates([{ label: 'SYN retransmission #1', kind: 'retransmission' }, { label: 'SYN retransmission #2', kind: 'retransmission' }])[0]).toBe('SYN retr. #1–#2');
  });
  it('shortens a long cluster to its first and last packet', () => {
    const c = clusterCandidates(['SYN', 'SYN/ACK', 'ACK', 'ClientHello', 'ServerHello', 'FIN'].map((label) => ({ label, kind: 'data' as const })));
    expect(c).toContain('SYN … FIN');
  });
});

describe('clusterSegments', () => {
  it('writes a run of retransmissions inside a cluster as a range, and keeps which parts are bad', () => {
    const segs = clusterSegments([
      { label: 'SYN', kind: 'syn', bad: false },
      { label: 'ClientHello (SNI login.microsoftonline.com)', kind: 'client-hello', bad: false },
      { label: 'Retransmission #1', kind: 'retransmission', bad: true },
      { label: 'Retransmission #2', kind: 'retransmission', bad: true },
      { label: 'FIN (client)', kind: 'fin', bad: false },
      { label: 'FIN (server side)', kind: 'fin', bad: false },
    ]);
    expect(segs).toEqual([
      { text: 'SYN', bad: false },
      { text: 'ClientHello', bad: false },
      { text: 'Retr. #1–#2', bad: true },
      { text: 'FIN', bad: false },
    ]);
  });
});

describe('eventPriority and repeatNumber', () => {
  it('ranks bad events and the TLS story first', () => {
    expect(eventPriority({ kind: 'retransmission', bad: true })).toBeGreaterThan(eventPriority({ kind: 'retransmission', bad: false }));
    expect(eventPriority({ kind: 'client-hello', bad: false })).toBeGreaterThan(eventPriority({ kind: 'ack', bad: false }));
    expect(eventPriority({ kind: 'fin', bad: false })).toBeGreaterThan(eventPriority({ kind: 'data', bad: false }));
  });
  it('reads the number of a repeat', () => {
    expect(repeatNumber('Retransmission #12')).toBe(12);
    expect(repeatNumber('Access-Request again (#2)')).toBe(2);
    expect(repeatNumber('SYN')).toBeNull();
  });
});
