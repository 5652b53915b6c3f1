// What to do: the remedy's summary, then its numbered steps, each command in a code block with a copy button.

import type { ReportFinding } from '../../core/report/schema.ts';
import { CopyButton } from './CopyButton.tsx';

type Remedy = NonNullable<ReportFinding['remedy']>;

export function RemedyView({ remedy }: { remedy: Remedy }) {
  return (
    <div className="vp-remedy">
      <p className="vp-remedy-summary">{remedy.summary}</p>
      {remedy.steps.length > 0 && (
        <ol className="vp-steps">
          {remedy.steps.map((step, i) => (
            <li key={i} className="vp-step">
              <p className="vp-step-title">{step.title}</p>
              {step.detail && <p className="vp-step-detail">{step.detail}</p>}
              {step.commands && step.commands.length > 0 && (
                <div className="vp-commands">
                  {step.commands.map((c, j) => (
                    <div key={j} className="vp-command">
                      <pre>
                        <code>{c}</code>
                      </pre>
                      <CopyButton text={c} ariaLabel={`Copy: ${c}`} />
                    </div>
                  ))}
                  {step.commands.length > 1 && <CopyButton className="vp-copy-all" text={step.commands.join('\n')} label={`Copy all ${step.commands.length} lines`} />}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
