/** An unsigned token with these claims: the client reads `exp` only, the server verifies. */
export function tokenWith(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64({ alg: 'RS256', kid: 'k' })}.${b64(claims)}.c2ln`;
}
