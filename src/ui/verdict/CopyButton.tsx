// A button that copies a text and says so ("Copied") for a moment, or says that copying failed.

import { useEffect, useRef, useState } from 'react';
import { copyText } from './clipboard.ts';

interface CopyButtonProps {
  text: string;
  label?: string;
  /** Accessible name when the visible label alone is ambiguous ("Copy" beside each command). */
  ariaLabel?: string;
  className?: string;
}

export function CopyButton({ text, label = 'Copy', ariaLabel, className }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const onClick = async () => {
    const ok = await copyText(text);
    setState(ok ? 'copied' : 'failed');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" className={`vp-copy${state !== 'idle' ? ` vp-copy--${state}` : ''}${className ? ` ${className}` : ''}`} onClick={() => void onClick()} aria-label={ariaLabel}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : label}</span>
    </button>
  );
}
