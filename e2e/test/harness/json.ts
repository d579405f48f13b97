import { readFileSync } from 'node:fs';

export const readText = (file: string): string => readFileSync(file, 'utf8');

/** A JSON file's content (tests poke at arbitrary manifests). */
export const readJson = (file: string): Record<string, unknown> => JSON.parse(readText(file));
