// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { useAthenaWs, type AthenaWs } from '../../src/react';
import { render } from '../app/render';
import { FakeSockets } from '../protocol/FakeWebSocket';
import { chunk, CLOUDTRAIL_CATALOG, rowsFrom } from '../protocol/fixtures';

/** A scheduler the test flushes by hand, standing in for requestAnimationFrame. */
class Frames {
  queue: (() => void)[] = [];
  readonly schedule = (callback: () => void) => {
    this.queue.push(callback);
    return () => {
      this.queue = this.queue.filter((c) => c !== callback);
    };
  };
  flush(): void {
    const q = this.queue;
    this.queue = [];
    act(() => q.forEach((c) => c()));
  }
}

function Probe({ url, sockets, frames, onRender }: {
  url: string; sockets: FakeSockets; frames: Frames; onRender(ws: AthenaWs): void;
}) {
  const ws = useAthenaWs(url, { client: { webSocket: sockets.factory }, schedule: frames.schedule });
  onRender(ws);
  return null;
}

describe('useAthenaWs', () => {
  it('re-renders once per frame however many messages arrive, and closes on unmount', () => {
    const sockets = new FakeSockets();
    const frames = new Frames();
    const seen: AthenaWs[] = [];
    const page = render(<Probe url="ws://h/dev" sockets={sockets} frames={frames} onRender={(ws) => seen.push(ws)} />);
    const socket = sockets.last;
    act(() => socket.open());
    socket.serverSends({ type: 'catalog', requestId: socket.lastRequestId('listQueries'), queries: CLOUDTRAIL_CATALOG });
    frames.flush();
    let ws = seen[seen.length - 1] as AthenaWs;
    expect(ws.status.state).toBe('open');
    expect(ws.catalog).toHaveLength(4);

    let run!: ReturnType<AthenaWs['runQuery']>;
    act(() => {
      run = ws.runQuery({ query: 'create-table-events' });
    });
    const rendersBefore = seen.length;
    for (let seq = 0; seq < 50; seq++) socket.serverSends(chunk(run?.requestId ?? '', seq, rowsFrom(seq * 10, 10)));
    expect(frames.queue).toHaveLength(1);
    frames.flush();
    expect(seen.length - rendersBefore).toBe(1);
    ws = seen[seen.length - 1] as AthenaWs;
    expect(ws.run).toBe(run);
    expect(ws.run?.rows).toHaveLength(500);

    page.unmount();
    expect(socket.closedByClient?.code).toBe(1000);
  });

  it('makes a new client when the URL changes', () => {
    const sockets = new FakeSockets();
    const frames = new Frames();
    const page = render(<Probe url="ws://a/dev" sockets={sockets} frames={frames} onRender={() => {}} />);
    act(() => page.root.render(<Probe url="ws://b/dev" sockets={sockets} frames={frames} onRender={() => {}} />));
    expect(sockets.all.map((s) => s.url)).toEqual(['ws://a/dev', 'ws://b/dev']);
    expect(sockets.all[0]?.closedByClient?.code).toBe(1000);
    page.unmount();
  });
});
