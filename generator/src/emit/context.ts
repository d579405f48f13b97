// What every emitter receives: the IR of one service version and the names decided for it.
import type { IrService, IrVersion } from '../ir/model.js';
import type { VersionNames } from '../ir/names.js';

export interface PackageContext {
  /** npm scope, e.g. `@scope`. */
  scope: string;
  /** `@scope/core`. */
  coreModule: string;
  svc: IrService;
  packageName: string;
  packageVersion: string;
  /** Region the generated README and smoke test use. */
  defaultRegion: string;
  /**
   * Where the emulator finds this service's specs, relative to the package root (posix), e.g.
   * `../../specs/cvm`: the smoke test loads them from there.
   */
  specsPath: string;
  /** The package has a hand-written `src/custom/index.ts`; the root index re-exports it. */
  hasCustomIndex: boolean;
}

export interface VersionContext extends PackageContext {
  version: IrVersion;
  names: VersionNames;
}

/** A file to write, relative to the package root. */
export interface GeneratedFile {
  path: string;
  content: string;
}
