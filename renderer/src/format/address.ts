/** This machine's own addresses (IPv4 127/8, IPv6 ::1 and its IPv4-mapped form). */
export function isLoopbackAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, '');
  return host === '::1' || host === 'localhost' || /^(::ffff:)?127\./.test(host);
}
