import { describe, expect, it } from 'vitest';
import { blockers, describeRequest, isApprovalRequest, toValues, typedValue, type ApprovalRequest } from './promotion.ts';

const request: ApprovalRequest = {
  id: 'r1',
  environmentId: 'e1',
  kind: 'deploy',
  state: 'PENDING',
  pipelineId: 'p1',
  pipelineName: 'shipper',
  version: 3,
  selector: { tier: 'edge' },
  baseVersion: 2,
  values: [],
  requestedBy: 'user:a@example.com',
  requestedAt: '2026-12-07T00:00:00Z',
  expiresAt: '2026-12-14T00:00:00Z',
  diff: { added: [], removed: [], changed: [], edgesAdded: [], edgesRemoved: [], globalOptions: [], empty: true },
};

describe('promotion form', () => {
  it('givenTypedText_theValue_becomesAFlagANumberOrText', () => {
    expect(typedValue('true')).toBe(true);
    expect(typedValue('false')).toBe(false);
    expect(typedValue('5000')).toBe(5000);
    expect(typedValue('-1.5')).toBe(-1.5);
    expect(typedValue('"5000"')).toBe('5000');
    expect(typedValue('https://prod.example.com')).toBe('https://prod.example.com');
    expect(typedValue('007')).toBe('007');
  });

  it('givenRows_toValues_leavesOutBlankOnes_andNamesEveryBadRow', () => {
    const { values, errors } = toValues([
      { component: 'out', option: 'uri', value: 'https://prod' },
      { component: '', option: '', value: '' },
      { component: 'a.b', option: 'x', value: '1' },
      { component: 'out', option: 'batch..size', value: '1' },
    ]);
    expect(values[0]).toEqual({ component: 'out', option: 'uri', value: 'https://prod' });
    expect(values).toHaveLength(3);
    expect(errors).toEqual([
      "Row 3: the component key must be 1-64 letters, digits, '_' or '-'.",
      "Row 4: the option must be option names joined by '.' (e.g. auth.user).",
    ]);
  });

  it('givenMoreThanTheCap_toValues_saysSo', () => {
    const rows = Array.from({ length: 101 }, () => ({ component: 'out', option: 'uri', value: 'x' }));
    expect(toValues(rows).errors).toContain('At most 100 values per promotion (there are 101).');
  });

  it('givenMissingNames_blockers_areTheReferencesToCreate', () => {
    expect(blockers({ missingSecrets: ['api_token'], missingCertificates: ['edge'] })).toEqual(['SECRET[api_token]', 'CERT[edge]']);
  });
});

describe('approval requests', () => {
  it('givenA202Body_isApprovalRequest_tellsItFromADeployment', () => {
    expect(isApprovalRequest(request)).toBe(true);
    expect(isApprovalRequest({ pipelineId: 'p1', version: 3, selector: {}, matchedNodes: 2, deployedBy: 'x' })).toBe(false);
    expect(isApprovalRequest(null)).toBe(false);
  });

  it('givenARequest_describeRequest_saysWhatItHolds', () => {
    expect(describeRequest(request)).toBe('Deploy shipper v3 (now v2) to tier=edge');
    expect(describeRequest({ ...request, kind: 'promote', selector: undefined, values: [{ component: 'out', option: 'uri', to: 'x' }] }))
      .toBe('Promote shipper v3 with 1 value mapped');
  });
});
