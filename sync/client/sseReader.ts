/**
 * Minimal SSE reader over fetch for Node hosts (no EventSource in Node 20). Yields each `data:`
 * payload; comment lines (heartbeats) call `onHeartbeat`. Ends when the stream ends or aborts.
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  onHeartbeat?: () => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) onHeartbeat?.();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (data.length > 0) yield data.join('\n');
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    reader.releaseLock();
  }
}
