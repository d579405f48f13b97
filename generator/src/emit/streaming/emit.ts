// streaming.ts: for actions flagged `sse`, a function that returns core's EventStream of typed
// events. When the input has a boolean `Stream` member, it is set so the server streams.
import { MODELS_NS, MODULE, versionFiles } from '../../ir/names.js';
import {
  actionInfo,
  actionTags,
  eventType,
  explorerTag,
  hasStreamFlag,
  inputParam,
} from '../client/action-info.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { type TsEmitter, writeDoc } from '../ts.js';

export function emitStreaming(ctx: VersionContext, ts: TsEmitter): GeneratedFile | undefined {
  const { names, version } = ctx;
  const actions = version.actions.filter((a) => a.sse);
  if (actions.length === 0) return undefined;
  const path = versionFiles(version).streaming;
  const content = ts.emit(path, (w) => {
    w.writeLine(
      `import type { CallOptions, EventStream, ServiceClient } from '${ctx.coreModule}';`,
    );
    w.writeLine(`import type * as ${MODELS_NS} from '${MODULE.models}';`);
    for (const a of actions) {
      const n = names.action(a.name);
      const streamFlag = hasStreamFlag(version, a);
      w.blankLine();
      writeDoc(
        w,
        `${a.name} as a stream of server-sent events; iterate with \`for await\`, call \`abort()\` or break to close it.`,
        [explorerTag(ctx, a), ...actionTags(a)],
      );
      w.write(
        `export function ${n.stream}(client: ServiceClient, ${inputParam(version, a)}, options?: CallOptions): Promise<EventStream<${eventType(a)}>>`,
      ).block(() => {
        const body = streamFlag ? '{ ...input, Stream: true }' : 'input';
        w.writeLine(
          `return client.requestStream(${actionInfo(a, { sse: true })}, ${body}, options);`,
        );
      });
    }
  });
  return { path, content };
}
