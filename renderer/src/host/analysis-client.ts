/**
 * The UI side of the analysis worker: one worker, started on first use, requests answered in
 * order as promises. Specs are sent as plain JSON (reactive proxies cannot be cloned).
 */
import type { AnalysisRequest, AnalysisResponse, SliceResult, TrajectoryResult, TruthResult } from './analysis-messages.ts';

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

  private request(type: AnalysisRequest['type'], payload: object): Promise<unknown> {
    const id = ++this.sequence;
    const worker = this.ensure();
    const message = JSON.parse(JSON.stringify({ ...payload, type, id })) as AnalysisRequest;
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
