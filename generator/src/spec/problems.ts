// A problem found in a spec file: where (file + JSON path), what, and how to fix it.
export interface Problem {
  file: string;
  /** JSON path inside the file, e.g. `$.objects.FooRequest.members[2].member`. */
  path: string;
  message: string;
  hint: string;
}

/** Builds a JSON path segment: `.name` for identifiers, `["odd key"]` otherwise. */
export function jsonKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

export function formatProblems(problems: readonly Problem[], cwd = process.cwd()): string {
  const lines = problems.map((p) => formatOne(p, cwd));
  return `${problems.length} problem(s) found, nothing was written:\n${lines.join('\n')}`;
}

/** Warnings never stop a run; each is printed like a problem, prefixed `warning:`. */
export function formatWarnings(warnings: readonly Problem[], cwd = process.cwd()): string {
  return warnings.map((w) => `warning: ${formatOne(w, cwd)}`).join('\n');
}

function formatOne(p: Problem, cwd: string): string {
  const file = p.file.startsWith('/') ? relative(cwd, p.file) : p.file;
  return `${file} ${p.path}: ${p.message}\n    hint: ${p.hint}`;
}

function relative(from: string, to: string): string {
  const rel = to.startsWith(`${from}/`) ? to.slice(from.length + 1) : to;
  return rel;
}
