// The page's side of the search worker: typed requests returning promises, and a subscription to the
// worker's status pushes (index opened, model progress).
import type {
  AnswerOf,
  DocumentAnswer,
  IndexSummary,
  ModelState,
  Progress,
  Request,
  RequestType,
  SearchAnswer,
  SearchRequest,
  WorkerMessage,
} from './protocol.ts';
import type { SearchResult } from '../core/types.ts';
import { RUNTIME_EXPECTED } from './site.ts';

export interface EngineStatus {
  index:
    | { state: 'loading' }
    | { state: 'ready'; summary: IndexSummary; seconds: number }
    | { state: 'failed'; message: string };
  model: ModelState;
  /** The first visit's download (index, model, ONNX Runtime), null until the manifest is in. */
  progress: Progress | null;
}

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

export class SearchClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(status: EngineStatus) => void>();
  private nextId = 1;
  status: EngineStatus = { index: { state: 'loading' }, model: { state: 'waiting' }, progress: null };

  constructor(indexUrl: string) {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'lantern-search' });
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      this.update({ index: { state: 'failed', message: event.message || 'the search worker could not start' } });
    };
    this.worker.postMessage({ type: 'init', indexUrl, runtime: RUNTIME_EXPECTED });
  }

  subscribe(listener: (status: EngineStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  search(request: SearchRequest): Promise<SearchAnswer> {
    return this.ask('search', { request });
  }

  /** The document holding a passage; `query`: what to mark in it (its terms, corrected words, the answer sentence). */
  document(passageId: string, query = '', exact = false): Promise<DocumentAnswer> {
    return this.ask('document', { passageId, query, exact });
  }

  moreLikeThis(passageId: string, k = 8): Promise<SearchResult[]> {
    return this.ask('more', { passageId, k });
  }

  private ask<T extends RequestType>(
    type: T,
    body: Omit<Extract<Request, { type: T }>, 'id' | 'type'>,
  ): Promise<AnswerOf[T]> {
    const id = this.nextId++;
    return new Promise<AnswerOf[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ id, type, ...body });
    });
  }

  private receive(message: WorkerMessage): void {
    switch (message.type) {
      case 'index':
        this.update({ index: { state: 'ready', summary: message.summary, seconds: message.seconds } });
        return;
      case 'index-failed':
        this.update({ index: { state: 'failed', message: message.message } });
        return;
      case 'model':
        this.update({ model: message.model });
        return;
      case 'progress':
        this.update({ progress: message.progress });
        return;
      case 'answer':
      case 'error': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'answer') pending?.resolve(message.answer as never);
        else pending?.reject(new Error(message.message));
      }
    }
  }

  private update(change: Partial<EngineStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.listeners) listener(this.status);
  }
}
