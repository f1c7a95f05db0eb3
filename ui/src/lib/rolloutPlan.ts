/** The staged rollout form of the deploy dialog: waves, gates, presets, and the plan the API takes. */

export type WaveKind = 'nodes' | 'percent' | 'label' | 'rest';

export interface WaveRow {
  kind: WaveKind;
  /** nodes: a count; percent: 1–100; label: key=value; rest: unused */
  value: string;
  soakSeconds: string;
}

export interface PlanForm {
  waves: WaveRow[];
  errorRateMarginPercent: string;
  discardedMarginPercent: string;
  minEventsOutFraction: string;
  rollbackOnFailure: boolean;
}

export type WaveBody = ({ nodes: number } | { percent: number } | { label: string } | { rest: true }) & { soakSeconds: number };

export interface RolloutPlanBody {
  waves: WaveBody[];
  gates?: { errorRateMarginPercent?: number; discardedMarginPercent?: number; minEventsOutFraction?: number };
  rollbackOnFailure: boolean;
}

/** The server's limits (RolloutPlan): keep in step. */
export const MAX_WAVES = 20;
export const MAX_SOAK_SECONDS = 7 * 24 * 3600;

export const PRESETS: { name: string; waves: WaveRow[] }[] = [
  {
    name: '1 node → 10 % → 50 % → rest',
    waves: [
      { kind: 'nodes', value: '1', soakSeconds: '120' },
      { kind: 'percent', value: '10', soakSeconds: '300' },
      { kind: 'percent', value: '50', soakSeconds: '300' },
      { kind: 'rest', value: '', soakSeconds: '300' },
    ],
  },
  {
    name: 'Canary nodes → rest',
    waves: [
      { kind: 'label', value: 'canary=true', soakSeconds: '600' },
      { kind: 'rest', value: '', soakSeconds: '300' },
    ],
  },
  {
    name: '1 node → rest',
    waves: [
      { kind: 'nodes', value: '1', soakSeconds: '300' },
      { kind: 'rest', value: '', soakSeconds: '120' },
    ],
  },
];

export function defaultPlanForm(): PlanForm {
  return { waves: (PRESETS[0]?.waves ?? []).map((w) => ({ ...w })), errorRateMarginPercent: '1', discardedMarginPercent: '1', minEventsOutFraction: '0.8', rollbackOnFailure: true };
}

function whole(text: string): number | undefined {
  return /^\s*\d+\s*$/.test(text) ? Number(text.trim()) : undefined;
}

function decimal(text: string): number | undefined {
  return /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text.trim()) : undefined;
}

/** The plan as the API takes it, or every problem (the server checks the same and more). */
export function buildPlan(form: PlanForm): { plan?: RolloutPlanBody; errors: string[] } {
  const errors: string[] = [];
  if (form.waves.length === 0) errors.push('Add at least one wave.');
  if (form.waves.length > MAX_WAVES) errors.push(`At most ${MAX_WAVES} waves.`);
  const gates: NonNullable<RolloutPlanBody['gates']> = {};
  const gate = (field: keyof typeof gates, text: string, label: string, max: number, min = 0) => {
    if (text.trim() === '') return;
    const n = decimal(text);
    if (n === undefined || n < min || n > max || (field === 'minEventsOutFraction' && n === 0)) errors.push(`${label} must be a number from ${min} to ${max}.`);
    else gates[field] = n;
  };
  gate('errorRateMarginPercent', form.errorRateMarginPercent, 'Error rate margin', 100);
  gate('discardedMarginPercent', form.discardedMarginPercent, 'Discarded margin', 100);
  gate('minEventsOutFraction', form.minEventsOutFraction, 'Minimum events out', 1);
  const gated = Object.keys(gates).length > 0;
  const waves: RolloutPlanBody['waves'] = [];
  form.waves.slice(0, MAX_WAVES).forEach((w, i) => {
    const at = `Wave ${i + 1}`;
    const soak = whole(w.soakSeconds);
    if (soak === undefined || soak > MAX_SOAK_SECONDS) errors.push(`${at}: soak must be whole seconds from 0 to ${MAX_SOAK_SECONDS}.`);
    else if (soak === 0 && gated) errors.push(`${at}: a soak of 0 leaves the gates nothing to measure.`);
    const soakSeconds = soak ?? 0;
    switch (w.kind) {
      case 'nodes': {
        const n = whole(w.value);
        if (n === undefined || n < 1) errors.push(`${at}: the number of nodes must be 1 or more.`);
        else waves.push({ nodes: n, soakSeconds });
        break;
      }
      case 'percent': {
        const p = whole(w.value);
        if (p === undefined || p < 1 || p > 100) errors.push(`${at}: the percentage must be from 1 to 100.`);
        else waves.push({ percent: p, soakSeconds });
        break;
      }
      case 'label': {
        const [key = '', value, ...more] = w.value.split('=');
        if (value === undefined || more.length > 0 || key.trim() === '') errors.push(`${at}: the label must be one key=value.`);
        else waves.push({ label: `${key.trim()}=${value.trim()}`, soakSeconds });
        break;
      }
      case 'rest':
        if (i !== form.waves.length - 1) errors.push(`${at}: "the rest" can only be the last wave.`);
        else waves.push({ rest: true, soakSeconds });
        break;
    }
  });
  if (errors.length > 0) return { errors };
  return { plan: { waves, ...(gated ? { gates } : {}), rollbackOnFailure: form.rollbackOnFailure }, errors };
}

/** One line per wave for the confirmation: "1 node, soak 2m". */
export function describeWave(w: WaveRow): string {
  const soak = whole(w.soakSeconds) ?? 0;
  const soakText = soak >= 120 ? `${Math.round(soak / 60)}m` : `${soak}s`;
  const size = w.kind === 'nodes' ? `${w.value} node${w.value === '1' ? '' : 's'}` : w.kind === 'percent' ? `${w.value} %` : w.kind === 'label' ? `nodes with ${w.value}` : 'the rest';
  return `${size}, soak ${soakText}`;
}
