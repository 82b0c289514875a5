import { EventEmitter } from 'node:events';
import type { Storage, Job } from './storage.ts';

export interface ConsumerOptions<T, R> {
  storage: Storage;
  queue: string;
  concurrency?: number;
  blockTimeout?: number;
  handler: (job: Job<T>) => Promise<R>;
}

export class Consumer<T, R> extends EventEmitter {
  #storage: Storage;
  #queue: string;
  #concurrency: number;
  #blockTimeout: number;
  #handler: (job: Job<T>) => Promise<R>;
  #running = false;
  #workers: Promise<void>[] = [];

  constructor(options: ConsumerOptions<T, R>) {
    super();
    this.#storage = options.storage;
    this.#queue = options.queue;
    this.#concurrency = options.concurrency ?? 1;
    this.#blockTimeout = options.blockTimeout ?? 5;
    this.#handler = options.handler;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    for (let i = 0; i < this.#concurrency; i++) {
      this.#workers.push(this.#workerLoop());
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#workers);
    this.#workers = [];
  }

  async #workerLoop(): Promise<void> {
    while (this.#running) {
      const job = await this.#storage.dequeue<T>(this.#queue, this.#blockTimeout);
      if (!job) continue;
      try {
        const result = await this.#handler(job);
        await this.#storage.complete(job.id, result);
      } catch (err) {
        await this.#storage.fail(job.id, err as Error);
        this.emit('error', err);
      }
    }
  }
}
