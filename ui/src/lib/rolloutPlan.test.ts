import { describe, expect, it } from 'vitest';
import { buildPlan, defaultPlanForm, describeWave, PRESETS, type PlanForm } from './rolloutPlan.ts';

describe('buildPlan', () => {
  it('turns the default preset into the plan the API takes, gates and rollback included', () => {
    expect(buildPlan(defaultPlanForm())).toEqual({
      plan: {
        waves: [
          { nodes: 1, soakSeconds: 120 },
          { percent: 10, soakSeconds: 300 },
          { percent: 50, soakSeconds: 300 },
          { rest: true, soakSeconds: 300 },
        ],
        gates: { errorRateMarginPercent: 1, discardedMarginPercent: 1, minEventsOutFraction: 0.8 },
        rollbackOnFailure: true,
      },
      errors: [],
    });
  });

  it('leaves the gates out when none is set, and then allows a soak of zero', () => {
    const form: PlanForm = { waves: [{ kind: 'label', value: ' canary = true ', soakSeconds: '0' }], errorRateMarginPercent: '', discardedMarginPercent: '', minEventsOutFraction: '', rollbackOnFailure: false };
    expect(buildPlan(form).plan).toEqual({ waves: [{ label: 'canary=true', soakSeconds: 0 }], rollbackOnFailure: false });
  });

  it('names every problem at once', () => {
    const form: PlanForm = {
      waves: [
        { kind: 'percent', value: '120', soakSeconds: '0' },
        { kind: 'rest', value: '', soakSeconds: '10' },
        { kind: 'label', value: 'canary', soakSeconds: 'x' },
        { kind: 'nodes', value: '0', soakSeconds: '5' },
      ],
      errorRateMarginPercent: '200',
      discardedMarginPercent: '',
      minEventsOutFraction: '0.5',
      rollbackOnFailure: true,
    };
    expect(buildPlan(form)).toEqual({
      errors: [
        'Error rate margin must be a number from 0 to 100.',
        'Wave 1: a soak of 0 leaves the gates nothing to measure.',
        'Wave 1: the percentage must be from 1 to 100.',
        'Wave 2: "the rest" can only be the last wave.',
        'Wave 3: soak must be whole seconds from 0 to 604800.',
        'Wave 3: the label must be one key=value.',
        'Wave 4: the number of nodes must be 1 or more.',
      ],
    });
  });

  it('refuses a plan without waves or with more than twenty', () => {
    const none = { ...defaultPlanForm(), waves: [] };
    expect(buildPlan(none).errors).toEqual(['Add at least one wave.']);
    const many = { ...defaultPlanForm(), waves: Array.from({ length: 21 }, () => ({ kind: 'nodes' as const, value: '1', soakSeconds: '10' })) };
    expect(buildPlan(many).errors).toEqual(['At most 20 waves.']);
  });

  it('accepts every preset as it comes', () => {
    for (const preset of PRESETS) {
      expect(buildPlan({ ...defaultPlanForm(), waves: preset.waves }).errors).toEqual([]);
    }
  });
});

describe('describeWave', () => {
  it('says what a wave takes and how long it soaks', () => {
    expect(describeWave({ kind: 'nodes', value: '1', soakSeconds: '120' })).toBe('1 node, soak 2m');
    expect(describeWave({ kind: 'percent', value: '10', soakSeconds: '30' })).toBe('10 %, soak 30s');
    expect(describeWave({ kind: 'label', value: 'canary=true', soakSeconds: '600' })).toBe('nodes with canary=true, soak 10m');
    expect(describeWave({ kind: 'rest', value: '', soakSeconds: '0' })).toBe('the rest, soak 0s');
  });
});
