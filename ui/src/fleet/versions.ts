/**
 * Agent versions in the order people read them (the server's AgentVersionBaseline.ORDER): numeric parts by value,
 * missing parts as 0, a pre-release before its release, build metadata ignored, text without a number first.
 */
function parse(text: string): { numbers: number[]; qualifier: string } {
  let t = (text ?? '').trim().replace(/^[vV]/, '');
  const plus = t.indexOf('+');
  if (plus >= 0) t = t.slice(0, plus);
  const head = /^[\d.]*/.exec(t)?.[0] ?? '';
  const numbers: number[] = [];
  for (const part of head.split('.')) {
    if (part === '') break;
    numbers.push(Number(part));
  }
  const rest = t.slice(head.length);
  return { numbers, qualifier: rest.startsWith('-') ? rest.slice(1) : rest };
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function AGENT_VERSION_ORDER(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (x.numbers.length === 0 || y.numbers.length === 0) {
    if (x.numbers.length !== y.numbers.length) return x.numbers.length === 0 ? -1 : 1;
    return text(x.qualifier, y.qualifier);
  }
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const c = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
    if (c !== 0) return Math.sign(c);
  }
  if ((x.qualifier === '') !== (y.qualifier === '')) return x.qualifier === '' ? 1 : -1;
  return text(x.qualifier, y.qualifier);
}
