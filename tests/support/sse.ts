/**
 * A Server-Sent Events client for tests and benchmarks: fetch's streamed body parsed into events, each kept
 * with the time it arrived.
 */
export interface ReceivedEvent {
  id?: string;
  name: string;
  data: unknown;
  at: number;
}

export interface SseClient {
  readonly status: number;
  readonly events: ReceivedEvent[];
  /** Resolves when the server ends the stream. */
  readonly closed: Promise<void>;
  /** The first event named `name` (already received or still to come) that `accept` takes. */
  next(name: string, timeoutMs?: number, accept?: (e: ReceivedEvent) => boolean): Promise<ReceivedEvent>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const w of [...waiters]) w();
  };
  const closed = (async () => {
    if (!res.body || res.status !== 200) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ReceivedEvent = { name: 'message', data: undefined, at: Date.now() };
          let data = '';
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'event') event.name = value;
            else if (field === 'id') event.id = value;
            else if (field === 'data') {
              data += value;
              any = true;
            }
          }
          if (!any) continue;
          event.data = JSON.parse(data) as unknown;
          events.push(event);
          notify();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      notify();
    }
  })();
  let ended = false;
  void closed.then(() => {
    ended = true;
    notify();
  });
  return {
    status: res.status,
    events,
    closed,
    next(name, timeoutMs = 5_000, accept = () => true) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.find((e) => e.name === name && accept(e));
          if (found) done(() => resolve(found));
          else if (ended) done(() => reject(new Error(`the stream ended before "${name}"`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no "${name}" event within ${timeoutMs} ms`))),
          timeoutMs,
        );
        const done = (fn: () => void): void => {
          clearTimeout(timer);
          waiters.delete(check);
          fn();
        };
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
