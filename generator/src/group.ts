import type { SpecLocation } from './spec/load.js';

/** Groups locations by service folder, keeping each service's versions together (one package). */
export function groupByService(locs: readonly SpecLocation[]): SpecLocation[][] {
  const m = new Map<string, SpecLocation[]>();
  for (const l of locs) m.set(l.serviceDir, [...(m.get(l.serviceDir) ?? []), l]);
  return [...m.values()];
}
