// Counts calls of the global fetch, so a run can tell which transport core used. It is imported
// before the SDK, so core gets the counting function even if it keeps a reference at load time.
export const fetchCalls = { count: 0 };

const original = globalThis.fetch;
if (typeof original === 'function') {
  globalThis.fetch = function fetch(...args) {
    fetchCalls.count++;
    return Reflect.apply(original, globalThis, args);
  };
}
