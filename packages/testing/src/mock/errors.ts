/**
 * A call the mock has no answer for (no rule matches, the `Once` answers are used up, or the
 * answer does not fit the call, e.g. `resolves` for a stream call).
 *
 * Deliberately not an `SdkError`: it is a mistake in the test, and code under test that
 * handles SDK failures (`catch (e) { if (e instanceof SdkError) return fallback; throw e }`)
 * must not turn it into a passing test.
 */
export class MockCallError extends Error {
  /** The action as the client sent it. */
  readonly action: string;
  /** The call's input, redacted. */
  readonly input: unknown;
  readonly stream: boolean;

  constructor(message: string, init: { action: string; input: unknown; stream: boolean }) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'MockCallError', configurable: true });
    this.action = init.action;
    this.input = init.input;
    this.stream = init.stream;
  }
}
