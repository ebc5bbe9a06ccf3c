/**
 * Reading a spec file for the CLI: JSON parse and schema errors name the field; the data it
 * names are loaded relative to the spec file's folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSpecText, type Spec, type SpecInput } from '../../experiment/spec.ts';
import { prepareJob, type PreparedJob } from '../../jobs/runner.ts';
import { loadProblemResources } from '../data-files.ts';

export function readSpecFile(file: string): { input: SpecInput; spec: Spec } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read spec ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const result = parseSpecText(text);
  if (!result.ok) throw new Error(`invalid spec ${file}:\n${result.issues.map((i) => `  ${i.path || '(spec)'}: ${i.message}`).join('\n')}`);
  return { input: JSON.parse(text) as SpecInput, spec: result.spec };
}

/** Builds the problem (with its data) and start plan of a spec file; errors name the field. */
export async function prepareSpecFile(file: string): Promise<PreparedJob & { input: SpecInput }> {
  const { input, spec } = readSpecFile(file);
  try {
    const resources = await loadProblemResources(spec.problem, path.dirname(path.resolve(file)));
    return { ...prepareJob(spec, resources), input };
  } catch (error) {
    throw new Error(`invalid spec ${file}: ${(error as Error).message}`);
  }
}
