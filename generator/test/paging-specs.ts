// Small synthetic api.json specs for the pagination tests, written compactly:
// `Offset:int`, `Name:str`, `Items:Thing[]`, `Tags:str[]`, `Data:PageData`, `Old:Thing[]!` (deprecated).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ActionSpec {
  in: string[];
  out: string[];
}

const PRIMITIVE: Record<string, [string, string]> = {
  int: ['int', 'int64'],
  uint: ['int', 'uint64'],
  str: ['string', 'string'],
  bool: ['bool', 'bool'],
};

function member(text: string, output: boolean) {
  const deprecated = text.endsWith('!');
  const [name, rawType] = (deprecated ? text.slice(0, -1) : text).split(':') as [string, string];
  const list = rawType.endsWith('[]');
  const base = list ? rawType.slice(0, -2) : rawType;
  const prim = PRIMITIVE[base];
  const type = list ? 'list' : prim ? prim[0] : 'object';
  return {
    name,
    type,
    member: prim ? prim[1] : base,
    ...(output ? { output_required: false, value_allowed_null: false } : { required: false }),
    ...(deprecated ? { disabled: true } : {}),
  };
}

export function apiSpec(
  service: string,
  apiVersion: string,
  actions: Record<string, ActionSpec>,
  objects: Record<string, string[]> = {},
) {
  const objs: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(actions)) {
    objs[`${name}Request`] = { type: 'object', members: a.in.map((m) => member(m, false)) };
    objs[`${name}Response`] = {
      type: 'object',
      members: [
        ...a.out.map((m) => member(m, true)),
        { name: 'RequestId', type: 'string', member: 'string', output_required: true },
      ],
    };
  }
  for (const [name, members] of Object.entries(objects))
    objs[name] = { type: 'object', usage: 'out', members: members.map((m) => member(m, true)) };
  return {
    version: '1.0',
    metadata: { apiVersion, serviceShortName: service },
    actions: Object.fromEntries(
      Object.keys(actions).map((n) => [n, { input: `${n}Request`, output: `${n}Response` }]),
    ),
    objects: objs,
  };
}

/** Writes specs/<service>/v<date>/{api,errors}.json and returns the specs folder. */
export function writeSpec(root: string, api: ReturnType<typeof apiSpec>): string {
  const { apiVersion, serviceShortName } = api.metadata;
  const dir = path.join(root, serviceShortName, `v${apiVersion.replaceAll('-', '')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'api.json'), `${JSON.stringify(api, null, 2)}\n`);
  writeFileSync(
    path.join(dir, 'errors.json'),
    `${JSON.stringify({ service: serviceShortName, version: apiVersion, errors: [] }, null, 2)}\n`,
  );
  return root;
}
