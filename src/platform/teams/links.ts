/** Deep link that opens a 1:1 Teams chat with the person (documented Teams deep-link format). */
export function chatLink(email: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}`;
}
