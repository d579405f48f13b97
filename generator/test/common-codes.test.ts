import { COMMON_ERRORS } from '@scope/core';
import { expect, it } from 'vitest';
import { COMMON_ERROR_CODES } from '../src/spec/common-codes.js';

it("the generator's list of common error codes is core's registry", () => {
  expect([...COMMON_ERROR_CODES].sort()).toEqual(Object.keys(COMMON_ERRORS).sort());
});
