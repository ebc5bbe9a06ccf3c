/**
 * The UI side of the analysis worker: one worker, started on first use, requests answered in
 * order as promises. Specs are sent as plain JSON (reactive proxies cannot be cloned); data files
 * and a file's bytes are sent as they are (structured clones).
 */
import type { AnalysisRequest, AnalysisResponse, CheckResult, InspectResult, SliceResult, TrajectoryResult, TruthResult } from './analysis-messages.ts';

type Payload<T extends AnalysisRequest['type']> = Omit<Extract<AnalysisRequest, { type: T }>, 'id' | 'type'>;

export class AnalysisClient {
  private worker: Worker | null = null;
  private sequence = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  truth(payload: Payload<'truth'>): Promise<TruthResult> {
    return this.request('truth', payload) as Promise<TruthResult>;
  }

  slice(payload: Payload<'slice'>): Promise<SliceResult> {
    return this.request('slice', payload) as Promise<SliceResult>;
  }

  trajectory(payload: Payload<'trajectory'>): Promise<TrajectoryResult> {
    return this.request('trajectory', payload) as Promise<TrajectoryResult>;
  }

  /** Builds the spec's problem on its data files; resolves with what that refuses (nothing when it builds). */
  check(payload: Payload<'check'>): Promise<CheckResult> {
    return this.request('check', payload) as Promise<CheckResult>;
  }

  /** Parses a picked data file; rejects with the parser's message. */
  inspect(name: string, bytes: Uint8Array): Promise<InspectResult> {
    return this.request('inspect', { name }, { bytes }) as Promise<InspectResult>;
  }

  private request(type: AnalysisRequest['type'], payload: { files?: unknown; [key: string]: unknown }, binary: { bytes?: Uint8Array } = {}): Promise<unknown> {
    const id = ++this.sequence;
    const worker = this.ensure();
    const { files, ...json } = payload;
    const message = { ...(JSON.parse(JSON.stringify({ ...json, type, id })) as object), ...(files ? { files } : {}), ...binary } as AnalysisRequest;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(message);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'critlab-analysis' });
    worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
      const r = event.data;
      const waiting = this.pending.get(r.id);
      if (!waiting) return;
      this.pending.delete(r.id);
      if (r.ok) waiting.resolve(r.result);
      else waiting.reject(new Error(r.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(`analysis worker failed: ${event.message || 'the worker script could not be loaded'}`);
      for (const w of this.pending.values()) w.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }
}
