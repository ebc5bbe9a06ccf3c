/**
 * The `problem` section of the experiment spec (DESIGN.md §3). Minimal first version: built-in
 * functions by name. (The problems layer extends this with expressions and networks.)
 */
import { z } from 'zod';
import { builtinFunctions } from './functions/library.ts';

const builtinNames = builtinFunctions.map((f) => f.name);

export const functionProblemSchema = z.strictObject({
  kind: z.literal('function'),
  name: z.string().refine((name) => builtinNames.includes(name), {
    error: (issue) => `unknown function '${String(issue.input)}' (built-ins: ${builtinNames.join(', ')})`,
  }),
});

export const problemSpecSchema = z.discriminatedUnion('kind', [functionProblemSchema]);
export type ProblemSpec = z.output<typeof problemSpecSchema>;
