/**
 * `critlab truth SPEC`: the analytic critical points of a linear-autoencoder spec as a JSON array,
 * one object per class (DESIGN.md §3): subset, loss, negative, zero, positive, index. Deep
 * linear autoencoders have analytic loss values only: subset and loss.
 */
import { prepareSpecFile } from './spec-file.ts';

export async function truthCommand(specFile: string): Promise<void> {
  const job = await prepareSpecFile(specFile);
  if (!job.truth) {
    throw new Error(
      `critlab truth needs a bias-free linear autoencoder (problem.kind "network", activation "linear", bias false, loss "mse", autoencoding data); ${specFile} describes ${job.problem.label}`,
    );
  }
  const classes = job.truth.truth.classes.map((c) =>
    job.truth!.depth === 'one-hidden-layer' ? c : { subset: c.subset, loss: c.loss },
  );
  process.stdout.write(JSON.stringify(classes) + '\n');
}
