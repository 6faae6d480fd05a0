import net from 'node:net';
import { CONVERSATION_SCOPES, type ConversationAddress } from '../../src/platform/storage/conversations';
import type { ConversationRepository } from '../../src/platform/storage/conversations';

/** True when a TCP connection to host:port is accepted: tells which interfaces a server listens on. */
export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every stored conversation address, scope by scope (personal, groupChat, team, channel). */
export async function storedConversations(conversations: ConversationRepository): Promise<ConversationAddress[]> {
  return (await Promise.all(CONVERSATION_SCOPES.map((scope) => conversations.list(scope)))).flat();
}
