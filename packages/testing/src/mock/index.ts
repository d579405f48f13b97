export { MockCallError } from './errors.js';
export { type MockableClient, mockClient } from './mock.js';
export type {
  ActionBehavior,
  ActionErrorCode,
  ActionEvent,
  ActionInput,
  ActionName,
  ActionOfMethod,
  ActionOutput,
  ClientMock,
  DeepPartial,
  InputMatcher,
  MockCall,
  MockCallInfo,
  MockErrorInit,
  MockFake,
  MockOutput,
  PlainBehavior,
  StreamBehavior,
  StreamSource,
} from './types.js';
