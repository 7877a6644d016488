import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging/logger.js';
import type { Reply } from '../../replies/reply.js';
import { uploadFile } from './upload-file.js';

/**
 * Sends a reply's file (a QBR deck) to the asker's DM with Tend, wherever they asked: a file shared
 * in a channel would be everyone's. A failed upload is said in the DM, never dropped silently.
 */
export async function postFile(client: WebClient, userId: string, reply: Reply, log: Logger): Promise<void> {
  const file = reply.file;
  if (!file) return;
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('conversations.open gave no DM channel');
  try {
    await uploadFile(
      client,
      { channel },
      {
        filename: file.name,
        title: file.title,
        bytes: file.bytes,
        initialComment: file.summary,
      },
    );
  } catch (error) {
    log.warn({ err: error }, 'could not upload a file');
    await client.chat.postMessage({
      channel,
      text: `I could not send ${file.name} (${error instanceof Error ? error.message : 'upload failed'}). Ask again in a moment.`,
    });
  }
}
