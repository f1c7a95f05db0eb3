/**
 * Form generation from the catalog: which input each option gets, which options show, and
 * reading/writing values at option paths without leaving empty objects behind.
 */
import type { CatalogOption } from '../lib/client.ts';
import { isRecord } from './graph.ts';

export type FieldKind = 'secret' | 'vrl' | 'enum' | 'bool' | 'number' | 'string' | 'list' | 'map' | 'object' | 'objectList' | 'json';

/** One shape of a union object (the catalog's `variants`): the fields it needs and the fields it also takes. */
export interface OptionVariant {
  required: string[];
  optional: string[];
}

/** A catalog option with what the server sends beyond the client's type: the shapes of a union object and a note. */
export type UnionOption = CatalogOption & { variants?: OptionVariant[]; note?: string | null };

export function variantsOf(option: CatalogOption): OptionVariant[] {
  return (option as UnionOption).variants ?? [];
}

export function noteOf(option: CatalogOption): string | undefined {
  return (option as UnionOption).note ?? undefined;
}

/** Options whose string value is VRL, by component type and option path. */
export function isVrlPath(componentType: string, path: string[]): boolean {
  const p = path.join('.');
  if (componentType === 'remap' && p === 'source') return true;
  if (componentType === 'route' && path.length === 2 && path[0] === 'route') return true;
  return false;
}

export function fieldKind(option: CatalogOption, componentType: string, path: string[], value?: unknown): FieldKind {
  const types = option.types;
  if (option.sensitive) return 'secret';
  // a value that is an object where the option also takes one (compression: {algorithm, level}) gets the object form
  if (isRecord(value) && types.includes('OBJECT') && option.options.length > 0 && !types.includes('CONDITION')) return 'object';
  if (types.includes('CONDITION') || isVrlPath(componentType, path)) return 'vrl';
  if (option.enumValues.length > 0) return 'enum';
  if (types.length === 1 && types[0] === 'BOOL') return 'bool';
  if (types.length === 1 && (types[0] === 'UINT' || types[0] === 'INT' || types[0] === 'FLOAT')) return 'number';
  if (types.length === 1 && (types[0] === 'STRING' || types[0] === 'ASCII_CHAR')) return 'string';
  if (types.length === 1 && types[0] === 'ARRAY') {
    const item = option.items;
    if (!item || item.types.every((t) => t === 'STRING' || t === 'UINT' || t === 'INT' || t === 'FLOAT')) return 'list';
    if (item.types.includes('OBJECT') && item.options.length > 0) return 'objectList';
    return 'json';
  }
  if (types.includes('OBJECT')) {
    const wildcard = option.options.find((o) => o.name === '*');
    if (wildcard && option.options.length === 1) {
      return wildcard.types.every((t) => t === 'STRING' || t === 'CONDITION') ? 'map' : 'json';
    }
    if (option.options.length > 0) return 'object';
    return 'json';
  }
  return 'string';
}

/**
 * Evaluates a catalog `relevantWhen` such as `codec = "avro"` or `mode = "tcp" or mode = "udp"`
 * against the sibling values; anything it cannot read counts as relevant.
 */
export function isRelevant(relevantWhen: string | null, siblings: Record<string, unknown>, siblingDefaults: Record<string, unknown> = {}): boolean {
  if (!relevantWhen) return true;
  const alternatives = relevantWhen.split(/\s+or\s+/);
  for (const alt of alternatives) {
    const m = /^\s*([A-Za-z0-9_.]+)\s*=\s*"?([^"]*)"?\s*$/.exec(alt);
    const name = m?.[1];
    if (!m || name === undefined) return true;
    const actual = siblings[name] ?? siblingDefaults[name];
    if (actual !== undefined && String(actual) === m[2]) return true;
  }
  return false;
}

/** Every field some variant of a union object names (those go only with the variants naming them). */
export function variantFields(option: CatalogOption): Set<string> {
  const all = new Set<string>();
  for (const v of variantsOf(option)) for (const f of [...v.required, ...v.optional]) all.add(f);
  return all;
}

/**
 * The variant the values of a union object are in: the first whose fields they fit exactly (all its required
 * fields, no field of another shape); else the one sharing the most fields with them; with none of the fields
 * given, the variant without fields when there is one. -1 when nothing fits and nothing is given.
 */
export function currentVariant(option: CatalogOption, values: Record<string, unknown>): number {
  const variants = variantsOf(option);
  const bound = variantFields(option);
  const given = Object.keys(values).filter((k) => bound.has(k) && values[k] !== undefined);
  const fits = variants.findIndex((v) => v.required.every((f) => given.includes(f)) && given.every((f) => v.required.includes(f) || v.optional.includes(f)));
  if (fits >= 0) return fits;
  if (given.length === 0) return variants.findIndex((v) => v.required.length === 0);
  let best = -1;
  let bestShared = 0;
  variants.forEach((v, i) => {
    const shared = given.filter((f) => v.required.includes(f) || v.optional.includes(f)).length;
    if (shared > bestShared) {
      best = i;
      bestShared = shared;
    }
  });
  return best;
}

/** How a variant reads in a picker: its required fields, or "none of these fields". */
export function variantLabel(variant: OptionVariant): string {
  return variant.required.length === 0 ? 'none of these fields (default)' : variant.required.join(' + ');
}

/**
 * The child options to show for one variant of a union object: those no variant names, plus the chosen variant's
 * own (its required fields marked required). Without a chosen variant, only the fields no variant names.
 */
export function optionsForVariant(option: CatalogOption, chosen: number): CatalogOption[] {
  const variant = variantsOf(option)[chosen];
  const bound = variantFields(option);
  return option.options
    .filter((o) => !bound.has(o.name) || (variant !== undefined && (variant.required.includes(o.name) || variant.optional.includes(o.name))))
    .map((o) => (variant?.required.includes(o.name) ? { ...o, required: true } : o));
}

/** The values of a union object moved to another variant: fields the new variant does not take are removed. */
export function switchVariant(option: CatalogOption, values: Record<string, unknown>, chosen: number): Record<string, unknown> {
  const variant = variantsOf(option)[chosen];
  const bound = variantFields(option);
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (!bound.has(k) || (variant !== undefined && (variant.required.includes(k) || variant.optional.includes(k)))) kept[k] = v;
  }
  return kept;
}

/** Whether a value is an environment variable reference (`${NAME}`, `${NAME:-default}`, `$NAME`): the node fills it in. */
export function isEnvironmentReference(value: unknown): boolean {
  return typeof value === 'string' && /^(\$\{[A-Za-z0-9_]+((:?-|:?\?)[^}]*)?\}|\$[A-Za-z0-9_]+)$/.test(value);
}

/** Options to show, required ones first, then by name; hidden ones and irrelevant ones left out. */
export function visibleOptions(options: CatalogOption[], values: Record<string, unknown>, showDeprecated = false): CatalogOption[] {
  const defaults: Record<string, unknown> = {};
  for (const o of options) if (o.defaultValue !== undefined) defaults[o.name] = o.defaultValue;
  return options
    .filter((o) => o.name !== '*' && !o.hidden && (showDeprecated || !o.deprecated || values[o.name] !== undefined))
    .filter((o) => isRelevant(o.relevantWhen, values, defaults))
    .sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}

export function getAt(root: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = root;
  for (const part of path) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === '' || (isRecord(v) && Object.keys(v).length === 0);
}

/** A copy with `value` at `path`; an empty value removes the key, and parents left empty go too. */
export function setAt(root: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  if (path.length === 0) return isRecord(value) ? value : root;
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...root };
  const next = rest.length === 0 ? value : setAt(isRecord(root[head]) ? (root[head] as Record<string, unknown>) : {}, rest, value);
  if (isEmptyValue(next)) delete copy[head];
  else copy[head] = next;
  return copy;
}

export const SECRET_PATTERN = /^SECRET\[([A-Za-z0-9_.-]+)\]$/;

export function secretRef(name: string): string {
  return `SECRET[${name}]`;
}

/** The secret a value references, or undefined for a literal or empty value. */
export function secretNameOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return SECRET_PATTERN.exec(value)?.[1];
}

/**
 * Text typed into a number field as the value to store: undefined when empty, NaN stays text for the server to refuse,
 * a whole number beyond 2^53 (a u64 limit) a bigint so that no digit is lost.
 */
export function parseNumber(text: string, integer: boolean): number | bigint | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  if (integer && /^-?\d+$/.test(t) && !Number.isSafeInteger(n)) return BigInt(t);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return t;
  return n;
}

/** One item per non-empty line. */
export function parseList(text: string, numeric: boolean): unknown[] | undefined {
  const items = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (items.length === 0) return undefined;
  return numeric ? items.map((i) => (Number.isFinite(Number(i)) ? Number(i) : i)) : items;
}

/** Required options (at the top level) that have no value and no default. */
export function missingRequired(options: CatalogOption[], values: Record<string, unknown>): string[] {
  return visibleOptions(options, values)
    .filter((o) => o.required && o.defaultValue === undefined && isEmptyValue(values[o.name]))
    .map((o) => o.name);
}

export function describeDefault(option: CatalogOption): string | undefined {
  if (option.defaultValue === undefined || option.defaultValue === null) return undefined;
  const v = option.defaultValue;
  // Vector writes "no limit" as the largest 64-bit integer, which JavaScript cannot even print exactly.
  if ((typeof v === 'number' || typeof v === 'bigint') && v >= Number.MAX_SAFE_INTEGER) return 'no limit';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
