/**
 * One server-sent event as a client reads it: its name (`message` when the server gave none),
 * its id when it has one, and its data lines joined by newlines.
 *
 * @example
 * ```ts
 * import type { SseMessage } from '@kepu/client';
 * const payload = (m: SseMessage) => JSON.parse(m.data) as unknown;
 * ```
 */
export interface SseMessage {
  /** The event's name (`message` when the server gave none). */
  readonly event: string;
  /** The event's id, to resume from with `Last-Event-ID`. */
  readonly id?: string;
  /** The data lines, joined by newlines. */
  readonly data: string;
}

/** One block of an event stream as the EventSource specification reads it (fields, then dispatch). */
function parseBlock(block: string, onComment: (text: string) => void): SseMessage | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      onComment(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { event, data: data.join('\n'), ...(id === undefined ? {} : { id }) };
}

/**
 * Options of {@link sseMessages}.
 *
 * @example
 * ```ts
 * import type { SseOptions } from '@kepu/client';
 * const options: SseOptions = { onComment: (text) => console.log('heartbeat', text) };
 * ```
 */
export interface SseOptions {
  /** Called with the text of each comment line (a heartbeat). */
  readonly onComment?: (text: string) => void;
  /** Stops reading and cancels the body, even while a read waits for the server. */
  readonly signal?: AbortSignal;
}

/**
 * Reads a `text/event-stream` body message by message, as the EventSource specification does
 * (fields, blank-line dispatch, CR LF or CR line ends); comment lines (heartbeats) go to
 * `onComment`. Runs wherever fetch streams bodies: browsers, Node, Deno, workers.
 *
 * @example
 * ```ts
 * import { sseMessages } from '@kepu/client';
 * const response = await fetch('/api/events');
 * for await (const message of sseMessages(response.body!, { onComment: () => {} })) console.log(message.event);
 * ```
 */
export async function* sseMessages(
  body: ReadableStream<Uint8Array>,
  options: SseOptions = {},
): AsyncGenerator<SseMessage, void, undefined> {
  const onComment = options.onComment ?? (() => {});
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const message = parseBlock(buffer.slice(0, end), onComment);
        buffer = buffer.slice(end + 2);
        if (message) yield message;
        continue;
      }
      const chunk = await reader.read();
      if (chunk.done || options.signal?.aborted) return;
      buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await reader.cancel().catch(() => {});
  }
}
