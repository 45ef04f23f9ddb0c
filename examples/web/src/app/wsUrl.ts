/** Where the page finds its WebSocket endpoint. */
export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

/** `ws(s)://<page host>/dev`: the local stack serves the page and the WebSocket API on one port. */
export function defaultWsUrl(location: PageLocation): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/dev`;
}

/** The `?ws=` query parameter when given, else {@link defaultWsUrl}. */
export function initialWsUrl(location: PageLocation): string {
  const given = new URLSearchParams(location.search).get('ws');
  return given !== null && given.trim() !== '' ? given.trim() : defaultWsUrl(location);
}

/** @returns why `text` is not a usable WebSocket URL, or null when it is one */
export function wsUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Not a URL. Expected ws://host:port/path or wss://...';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return `The URL must start with ws:// or wss://, not ${url.protocol}//`;
  }
  return null;
}

/** `search` with `ws` set to `url` (other parameters kept). */
export function searchWithWsUrl(search: string, url: string): string {
  const params = new URLSearchParams(search);
  params.set('ws', url);
  return `?${params.toString()}`;
}
