import { describe, expect, it } from 'vitest';
import { diffStats, parseUnifiedDiff, showValue } from './diff.ts';

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
