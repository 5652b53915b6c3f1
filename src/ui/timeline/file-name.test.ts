import { describe, expect, it } from 'vitest';
import { exportFileName } from './file-name.ts';

describe('exportFileName', () => {
  it('names the picture after the capture', () => {
    expect(exportFileName('capture.pcap', 'svg')).toBe('radscope-timeline-capture.svg');
    expect(exportFileName('NPS trace 2026-11-26.pcapng.gz', 'png')).toBe('radscope-timeline-NPS_trace_2026-11-26.png');
    expect(exportFileName(null, 'png')).toBe('radscope-timeline-capture.png');
    expect(exportFileName('../../etc/passwd', 'svg')).toBe('radscope-timeline-etc_passwd.svg');
  });
});
