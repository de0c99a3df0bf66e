/** A minimal server-sent events reader over fetch, for tests: collects events as they arrive. */
export interface SseEvent {
  event: string;
  data: any;
  id?: string;
}

export interface SseClient {
  events: SseEvent[];
  /** resolves with the first event (from the start of the stream) that matches */
  next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** One event of a stream (the text between two blank lines): its fields, data lines joined. */
export function parseSseBlock(block: string): { event: string; data: string; id?: string; retry?: number } {
  const e: { event: string; data: string; id?: string; retry?: number } = { event: '', data: '' };
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) e.event = line.slice(7);
    else if (line.startsWith('data: ')) e.data += line.slice(6);
    else if (line.startsWith('id: ')) e.id = line.slice(4);
    else if (line.startsWith('retry: ')) e.retry = Number(line.slice(7));
  }
  return e;
}

/** Takes a stream's text as it arrives and hands each complete event block (its raw text) to `onBlock`. */
export function sseBlocks(onBlock: (block: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf('\n\n');
      onBlock(block);
    }
  };
}

/** The same, each event parsed. */
export function sseBlockReader(onEvent: (e: ReturnType<typeof parseSseBlock>) => void): (chunk: string) => void {
  return sseBlocks((block) => onEvent(parseSseBlock(block)));
}

export async function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`SSE ${url}: ${res.status}`);
  const events: SseEvent[] = [];
  const waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const take = sseBlockReader((e) => {
    if (!e.event) return;
    const event: SseEvent = { event: e.event, data: JSON.parse(e.data), ...(e.id ? { id: e.id } : {}) };
    events.push(event);
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        take(value);
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    next(match, timeoutMs = 5000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching SSE event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    close() {
      controller.abort();
    },
  };
}
