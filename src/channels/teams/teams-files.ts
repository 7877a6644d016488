import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Actor } from '../../services/access/actor.js';
import { personalTeamsChat } from '../../services/chat/conversation-references.js';
import type { Database } from '../../services/database.js';
import { storedQbrFile, type QbrFileFormat } from '../../services/qbr/qbr-file.js';
import type { ReplyFile } from '../../replies/reply.js';

// Files in Teams, as the Bot Framework documents them for bots: a file consent card in the person's
// 1:1 chat; on Allow, Teams gives an upload URL in their OneDrive, Tend uploads, then posts a file
// card. Between the two nothing is kept in memory: the file is rebuilt from the stored draft, so
// whichever replica receives the consent can answer it.

const consentType = 'application/vnd.microsoft.teams.card.file.consent';
const infoType = 'application/vnd.microsoft.teams.card.file.info';

interface FileRef {
  kind: 'qbr';
  draftId: string;
  format: QbrFileFormat;
}

const consentCard = (file: ReplyFile): Partial<Activity> => ({
  attachments: [
    {
      contentType: consentType,
      name: file.name,
      content: {
        description: file.summary,
        sizeInBytes: file.bytes.length,
        acceptContext: { tend: file.ref },
        declineContext: { tend: file.ref },
      },
    },
  ],
});

/**
 * Offers a reply's file to the asker in their 1:1 chat with Tend: here if this is it, else in the
 * one Tend knows; without one, says where to ask (Teams gives files to bots only in 1:1 chats).
 */
export async function offerFile(
  deps: { adapter: CloudAdapter; appId: string; prisma: Database },
  context: TurnContext,
  actor: Actor,
  file: ReplyFile | undefined,
): Promise<void> {
  if (!file || actor.external || !actor.userId) return;
  if (context.activity.conversation.conversationType === 'personal') {
    await context.sendActivity(consentCard(file));
    return;
  }
  const chat = await personalTeamsChat(deps.prisma, actor.userId);
  if (!chat) {
    await context.sendActivity('Teams lets me send files only in our 1:1 chat: open a chat with Tend and ask there.');
    return;
  }
  await deps.adapter.continueConversationAsync(deps.appId, chat as Partial<ConversationReference>, async (personal) => {
    await personal.sendActivity(consentCard(file));
  });
}

const refOf = (value: unknown): FileRef | undefined => {
  const ref = (value as { tend?: Partial<FileRef> } | undefined)?.tend;
  return ref?.kind === 'qbr' && typeof ref.draftId === 'string' && (ref.format === 'pptx' || ref.format === 'docx')
    ? { kind: 'qbr', draftId: ref.draftId, format: ref.format }
    : undefined;
};

/** Allow pressed: upload the rebuilt file to the URL Teams gave, then show it as a file card. */
export async function uploadConsentedFile(
  prisma: Database,
  context: TurnContext,
  actor: Actor,
  response: {
    context?: unknown;
    uploadInfo?: { name?: string; uploadUrl?: string; contentUrl?: string; uniqueId?: string; fileType?: string };
  },
): Promise<void> {
  const ref = refOf(response.context);
  const info = response.uploadInfo;
  const file = ref && !actor.external ? await storedQbrFile(prisma, ref, actor).catch(() => undefined) : undefined;
  if (!file || !info?.uploadUrl) {
    await context.sendActivity('That file is no longer available to you; ask me for it again.');
    return;
  }
  const size = file.bytes.length;
  const sent = await fetch(info.uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Length': String(size), 'Content-Range': `bytes 0-${size - 1}/${size}` },
    body: new Uint8Array(file.bytes),
  }).catch((error: unknown) => ({ ok: false, status: error instanceof Error ? error.message : 'network error' }));
  if (!sent.ok) {
    await context.sendActivity(
      `I could not upload ${file.name} to your OneDrive (${sent.status}); ask me again in a moment.`,
    );
    return;
  }
  await context.sendActivity({
    text: file.summary,
    attachments: [
      {
        contentType: infoType,
        contentUrl: info.contentUrl,
        name: info.name ?? file.name,
        content: { uniqueId: info.uniqueId, fileType: info.fileType ?? file.name.split('.').pop() },
      },
    ],
  });
}
