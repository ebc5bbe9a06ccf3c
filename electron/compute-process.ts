/**
 * One compute process (an Electron utility process running dist/electron/compute.cjs) as a class
 * that owns its lifecycle (after VS Code's utility-process wrapper): `start`, `post`, typed
 * `message` / `exit` / `crash` events, `kill` and `waitForExit`.
 *
 * - `exit` fires exactly once when the process ends, whatever the reason.
 * - `crash` fires just before it when the end was not asked for: a non-zero exit code without a
 *   `kill()`, or a V8 fatal error reported through the utility process's 'error' event.
 * - Requests posted before the process reports 'spawn' are queued and flushed in order.
 *
 * Messages are structured clones: Float64Arrays arrive intact but copied (utility processes can
 * transfer only MessagePorts; see TOOLCHAIN.md). Issue 7 grows this into a pool that restarts a
 * crashed process and re-queues its start; here the owner (LabHost) just starts a fresh one.
 */
import { utilityProcess, type ForkOptions } from 'electron';
import type { JobRequest } from '../core/jobs/protocol.ts';

/** The part of Electron's UtilityProcess this class uses (so tests can pass a fake). */
export interface UtilityProcessLike {
  readonly pid?: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
}

export type ForkFunction = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcessLike;

export interface ComputeProcessConfig {
  /** Absolute path of the bundled entry (dist/electron/compute.cjs). */
  readonly modulePath: string;
  /** Shown in the OS task manager and crash reports. */
  readonly serviceName?: string;
  /** Defaults to Electron's `utilityProcess.fork`. */
  readonly fork?: ForkFunction;
}

export interface ExitInfo {
  readonly code: number;
  /** True when the process ended without being asked to (the `crash` event also fired). */
  readonly crashed: boolean;
  /** Why it crashed, when known (e.g. "FatalError at …"). */
  readonly reason?: string;
}

type State = 'idle' | 'starting' | 'running' | 'exited';

export class ComputeProcess {
  private child: UtilityProcessLike | null = null;
  private state: State = 'idle';
  private killRequested = false;
  private fatal: string | undefined;
  private exitInfo: ExitInfo | null = null;
  private readonly queue: JobRequest[] = [];
  private readonly messageListeners = new Set<(message: unknown) => void>();
  private readonly exitListeners = new Set<(info: ExitInfo) => void>();
  private readonly crashListeners = new Set<(info: ExitInfo) => void>();
  private readonly exitWaiters: Array<(info: ExitInfo) => void> = [];

  constructor(private readonly config: ComputeProcessConfig) {}

  /** The OS process id, once spawned. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True from `start()` until the process has exited. */
  get alive(): boolean {
    return this.state === 'starting' || this.state === 'running';
  }

  /** Forks the process. A ComputeProcess starts once; make a new one to restart. */
  start(): void {
    if (this.state !== 'idle') throw new Error(`compute process already ${this.state}`);
    const fork = this.config.fork ?? ((modulePath, args, options) => utilityProcess.fork(modulePath, args, options));
    this.state = 'starting';
    const child = fork(this.config.modulePath, [], { serviceName: this.config.serviceName ?? 'critlab compute', stdio: 'inherit' });
    this.child = child;
    child.on('spawn', () => {
      if (this.state !== 'starting') return;
      this.state = 'running';
      for (const request of this.queue.splice(0)) child.postMessage(request);
    });
    child.on('message', (message) => {
      for (const listener of this.messageListeners) listener(message);
    });
    child.on('error', (type, location) => {
      this.fatal = `${type} at ${location}`;
    });
    child.on('exit', (code) => this.handleExit(code));
  }

  /** Sends a request; queued until the process has spawned. Throws once it has exited. */
  post(request: JobRequest): void {
    if (this.state === 'running') this.child!.postMessage(request);
    else if (this.state === 'starting') this.queue.push(request);
    else throw new Error(this.state === 'idle' ? 'compute process not started' : 'compute process has exited');
  }

  /** Asks the process to terminate (SIGTERM on POSIX). Its exit is then not a crash. */
  kill(): boolean {
    if (!this.alive || !this.child) return false;
    this.killRequested = true;
    return this.child.kill();
  }

  /** Resolves with the exit information; with null if `timeoutMs` passes first. */
  waitForExit(timeoutMs?: number): Promise<ExitInfo | null> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo);
    if (this.state === 'idle') return Promise.resolve(null);
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter = (info: ExitInfo) => {
        if (timer) clearTimeout(timer);
        resolve(info);
      };
      this.exitWaiters.push(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const i = this.exitWaiters.indexOf(waiter);
          if (i >= 0) this.exitWaiters.splice(i, 1);
          resolve(null);
        }, timeoutMs);
      }
    });
  }

  onMessage(listener: (message: unknown) => void): () => void {
    return subscribe(this.messageListeners, listener);
  }

  onExit(listener: (info: ExitInfo) => void): () => void {
    return subscribe(this.exitListeners, listener);
  }

  onCrash(listener: (info: ExitInfo) => void): () => void {
    return subscribe(this.crashListeners, listener);
  }

  private handleExit(code: number): void {
    if (this.state === 'exited') return;
    this.state = 'exited';
    this.queue.length = 0;
    const crashed = !this.killRequested && (code !== 0 || this.fatal !== undefined);
    const info: ExitInfo = { code, crashed, ...(crashed && this.fatal ? { reason: this.fatal } : {}) };
    this.exitInfo = info;
    if (crashed) for (const listener of this.crashListeners) listener(info);
    for (const listener of this.exitListeners) listener(info);
    for (const waiter of this.exitWaiters.splice(0)) waiter(info);
    this.messageListeners.clear();
    this.exitListeners.clear();
    this.crashListeners.clear();
  }
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
