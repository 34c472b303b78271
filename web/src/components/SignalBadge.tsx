// SignalBadge.tsx - a small uppercase tag for a signal or status: long/short, pass/fail,
// severities, SIMULATED. `tone` picks the colour; `signalTone` maps common words to tones.
export type Tone = 'positive' | 'negative' | 'warning' | 'info' | 'neutral' | 'sim';

const TONES: Record<string, Tone> = {
  long: 'positive', buy: 'positive', pass: 'positive', succeeded: 'positive', ok: 'positive', live: 'positive',
  approved: 'positive',
  short: 'negative', sell: 'negative', fail: 'negative', failed: 'negative', critical: 'negative', down: 'negative',
  rejected: 'negative',
  warning: 'warning', running: 'warning', connecting: 'warning', stale: 'warning',
  info: 'info', neutral: 'neutral', flat: 'neutral',
  simulated: 'sim',
};

export function signalTone(word: string): Tone {
  return TONES[word.toLowerCase()] ?? 'neutral';
}

export function SignalBadge({ label, tone, title }: { label: string; tone?: Tone; title?: string }) {
  const t = tone ?? signalTone(label);
  return (
    <span className={`badge ${t}`} title={title} data-tone={t}>
      {label}
    </span>
  );
}
