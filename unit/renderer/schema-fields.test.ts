import { describe, expect, it } from 'vitest';
import { finderSpecSchema } from '../../core/finders/finder-spec.ts';
import { analysisSchema } from '../../core/experiment/spec.ts';
import { optimizerSpecSchema } from '../../core/optimizers/optimizer.ts';
import { gaussianDataSchema } from '../../core/problems/problem-spec.ts';
import { boundsText, discriminatorValues, humanise, schemaFields, unionOption } from '../../renderer/src/lib/schema-fields.ts';

describe('builder fields from the spec schema', () => {
  it('lists every finder method and each method’s options with defaults and bounds', () => {
    expect(discriminatorValues(finderSpecSchema)).toEqual(['newton-mr', 'damped-newton', 'gnm', 'saddle-free-newton', 'newton']);
    const damped = schemaFields(unionOption(finderSpecSchema, 'damped-newton')!, ['method']);
    const byKey = Object.fromEntries(damped.map((f) => [f.key, f]));
    expect(byKey.maxIterations).toMatchObject({ kind: 'integer', min: 1 });
    expect(byKey.tolerance).toMatchObject({ kind: 'number', min: 0, minExclusive: true, max: 1 });
    expect(byKey.gammas.kind).toBe('numbers');
    expect(byKey.innerMaxIterations).toMatchObject({ kind: 'integer', nullable: true, defaultValue: null });
    expect(boundsText(byKey.tolerance)).toBe('0 < x ≤ 1');
    // gnm is a refined object: its fields are still read.
    expect(schemaFields(unionOption(finderSpecSchema, 'gnm')!).map((f) => f.key)).toContain('c2');
  });

  it('reads enums, booleans and the analysis section', () => {
    const analysis = schemaFields(analysisSchema);
    expect(analysis.find((f) => f.key === 'spectrum')).toMatchObject({ kind: 'enum', options: ['auto', 'full', 'lanczos'] });
    expect(analysis.find((f) => f.key === 'zeroCutoff')?.kind).toBe('number');
    const sgd = schemaFields(unionOption(optimizerSpecSchema, 'sgd')!, ['method']);
    expect(sgd.find((f) => f.key === 'exactLoss')?.kind).toBe('boolean');
    expect(sgd.find((f) => f.key === 'batchSize')).toMatchObject({ nullable: true, defaultValue: 32 });
  });

  it('labels fields by section', () => {
    expect(schemaFields(gaussianDataSchema, ['kind'], 'data').find((f) => f.key === 'spectrum')?.label).toBe('covariance spectrum');
    expect(schemaFields(analysisSchema).find((f) => f.key === 'spectrum')?.label).toBe('spectrum');
    expect(humanise('bfgsMaxDimension')).toBe('bfgs max dimension');
  });
});
