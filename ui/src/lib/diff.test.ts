import { describe, expect, it } from 'vitest';
import { diffStats, optionDiffView, parseUnifiedDiff, showValue } from './diff.ts';

const DIFF = '--- version 1\n+++ version 2\n@@ -1,4 +1,5 @@\n sources:\n   in:\n-    format: json\n+    format: shuffle\n+    lines:\n sinks:\n';

describe('parseUnifiedDiff', () => {
  it('numbers old and new lines and classifies them', () => {
    const lines = parseUnifiedDiff(DIFF);
    expect(lines.map((l) => l.kind)).toEqual(['header', 'header', 'hunk', 'context', 'context', 'remove', 'add', 'add', 'context']);
    expect(lines[5]).toEqual({ kind: 'remove', text: '    format: json', oldNo: 3 });
    expect(lines[6]).toEqual({ kind: 'add', text: '    format: shuffle', newNo: 3 });
    expect(lines[8]).toEqual({ kind: 'context', text: 'sinks:', oldNo: 4, newNo: 5 });
    expect(diffStats(lines)).toEqual({ added: 2, removed: 1 });
  });
  it('is empty for no differences', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });
});

describe('showValue', () => {
  it('shows absent values as a dash and structures as JSON', () => {
    expect(showValue(undefined)).toBe('—');
    expect(showValue('x')).toBe('x');
    expect(showValue(['a'])).toBe('["a"]');
  });
});

describe('optionDiffView', () => {
  it('shows a multi-line program as its lines, kept, removed and added, not as one flattened value', () => {
    const view = optionDiffView({
      old: '.a = 1\n.b = 2',
      new: '.a = 1\n.b = 3',
      lineDiff: '--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n .a = 1\n-.b = 2\n+.b = 3\n',
    });
    if (view.kind !== 'lines') throw new Error(view.kind);
    expect(view.lines.map((l) => [l.kind, l.text])).toEqual([
      ['hunk', '@@ -1,2 +1,2 @@'],
      ['context', '.a = 1'],
      ['remove', '.b = 2'],
      ['add', '.b = 3'],
    ]);
  });
  it('shows a one-line value as before and after', () => {
    expect(optionDiffView({ old: 'json', new: 'text' })).toEqual({ kind: 'values', old: 'json', new: 'text' });
    expect(optionDiffView({ old: undefined, new: ['a'] })).toEqual({ kind: 'values', old: '—', new: '["a"]' });
  });
});
