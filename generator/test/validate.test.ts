// One test per validation rule: each problem names the file, the JSON path and a hint, every
// problem is reported in one run, and nothing is written.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../src/spec/problems.js';
import { copyFixtures, editJson, gen, tempDir } from './helpers.js';

const V = 'demo/v20210101';

async function problemsAfter(
  edit: (specs: string) => void,
): Promise<{ problems: Problem[]; out: string }> {
  const specs = copyFixtures();
  edit(specs);
  const out = tempDir('out');
  const result = await gen(specs, out);
  expect(readdirSync(out)).toEqual([]); // nothing written
  return { problems: result.problems, out };
}

const api = (specs: string) => path.join(specs, V, 'api.json');
const errors = (specs: string) => path.join(specs, V, 'errors.json');

function expectProblem(problems: Problem[], file: string, jsonPath: string, message: RegExp) {
  const p = problems.find((x) => x.path === jsonPath && message.test(x.message));
  expect(p, `${jsonPath} ${message} in ${JSON.stringify(problems, null, 1)}`).toBeDefined();
  expect(p!.file.endsWith(file)).toBe(true);
  expect(p!.hint.length).toBeGreaterThan(0);
}

describe('spec validation', () => {
  it('the fixture specs are valid', async () => {
    const out = tempDir('out');
    const r = await gen(copyFixtures(), out);
    expect(r.problems).toEqual([]);
    expect(existsSync(path.join(out, 'demo/package.json'))).toBe(true);
  });

  it('reports invalid JSON', async () => {
    const { problems } = await problemsAfter((s) => writeFileSync(api(s), '{"actions": {,}'));
    expectProblem(problems, `${V}/api.json`, '$', /invalid JSON/);
  });

  it('reports an unknown member type', async () => {
    const { problems } = await problemsAfter((s) =>
      editJson(api(s), (j) => {
        j.objects.Widget.members[0].type = 'text';
        j.objects.Widget.members[1].member = 'int128';
      }),
    );
    expectProblem(
      problems,
      `${V}/api.json`,
      '$.objects.Widget.members[0].type',
      /unknown type "text"/,
    );
    expectProblem(
      problems,
      `${V}/api.json`,
      '$.objects.Widget.members[1].member',
      /unknown type "int128"/,
    );
  });

  it('reports dangling object references', async () => {
    const { problems } = await problemsAfter((s) =>
      editJson(api(s), (j) => {
        j.objects.Widget.members[4].member = 'Label';
        j.actions.ListThings.output = 'NoSuchResponse';
      }),
    );
    expectProblem(
      problems,
      `${V}/api.json`,
      '$.objects.Widget.members[4].member',
      /unknown object "Label"/,
    );
    expectProblem(
      problems,
      `${V}/api.json`,
      '$.actions.ListThings.output',
      /unknown object "NoSuchResponse"/,
    );
  });

  it('reports duplicate names', async () => {
    const { problems } = await problemsAfter((s) =>
      editJson(api(s), (j) => {
        j.objects.Tag.members.push({ name: 'Key', type: 'string', member: 'string' });
        j.actions.describeWidgets = { ...j.actions.DescribeWidgets };
      }),
    );
    expectProblem(
      problems,
      `${V}/api.json`,
      '$.objects.Tag.members[2].name',
      /duplicate member name "Key"/,
    );
    expectProblem(problems, `${V}/api.json`, '$.actions.describeWidgets', /duplicate action name/);
  });

  it('reports a Response without RequestId', async () => {
    const { problems } = await problemsAfter((s) =>
      editJson(api(s), (j) => {
        j.objects.CreateWidgetResponse.members.pop();
      }),
    );
    expectProblem(
      problems,
      `${V}/api.json`,
      '$.objects.CreateWidgetResponse.members',
      /no RequestId/,
    );
  });

  it('reports error codes used but not declared', async () => {
    const { problems } = await problemsAfter((s) =>
      editJson(errors(s), (j) => {
        j.actionErrors.RemoveWidget.push('ResourceNotFound.Gadget');
      }),
    );
    expectProblem(
      problems,
      `${V}/errors.json`,
      '$.actionErrors.RemoveWidget[1]',
      /"ResourceNotFound.Gadget" is used but not declared/,
    );
  });

  it('reports a malformed version', async () => {
    const { problems } = await problemsAfter((s) => {
      editJson(api(s), (j) => {
        j.metadata.apiVersion = '2021-02-30';
      });
      editJson(path.join(s, 'demo/v20200101/api.json'), (j) => {
        j.metadata.apiVersion = '2020-01-02';
      });
    });
    expectProblem(
      problems,
      `${V}/api.json`,
      '$.metadata.apiVersion',
      /malformed version "2021-02-30"/,
    );
    expectProblem(
      problems,
      'demo/v20200101/api.json',
      '$.metadata.apiVersion',
      /does not match folder v20200101/,
    );
  });

  it('reports every problem of every file in one run', async () => {
    const { problems } = await problemsAfter((s) => {
      writeFileSync(path.join(s, 'demo/v20200101/api.json'), 'not json');
      editJson(api(s), (j) => {
        j.objects.Widget.members[0].type = 'text';
        j.objects.CreateWidgetResponse.members.pop();
      });
      editJson(errors(s), (j) => {
        j.actionErrors.CreateWidget.push('Nope');
      });
    });
    expect(problems.length).toBe(4);
  });

  it('leaves an existing package untouched when a spec is invalid', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    const before = readdirSync(path.join(out, 'demo/src/v20210101'));
    editJson(api(specs), (j) => {
      delete j.actions.CreateWidget;
      j.objects.Widget.members[0].member = 'Missing';
    });
    const r = await gen(specs, out);
    // the dangling member; errors.json naming the removed action is only a warning
    expect(r.problems.map((p) => p.path)).toEqual(['$.objects.Widget.members[0].member']);
    expect(r.warnings.map((p) => p.path)).toEqual(['$.actionErrors.CreateWidget']);
    expect(readdirSync(path.join(out, 'demo/src/v20210101'))).toEqual(before);
  });
});
