import type { WebClient } from '@slack/web-api';

/**
 * Slack's three documented upload steps (files.getUploadURLExternal, POST the bytes, then
 * files.completeUploadExternal), rather than files.uploadV2, which sends the alt text as `alt_text`
 * where Slack documents and reads `alt_txt`.
 */
export async function uploadFile(
  client: WebClient,
  where: { channel: string; threadTs?: string },
  file: { filename: string; title: string; bytes: Uint8Array; altText?: string; initialComment?: string },
): Promise<void> {
  const ticket = (await client.apiCall('files.getUploadURLExternal', {
    filename: file.filename,
    length: file.bytes.length,
    ...(file.altText ? { alt_txt: file.altText.slice(0, 1000) } : {}),
  })) as { upload_url?: string; file_id?: string };
  if (!ticket.upload_url || !ticket.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
  const sent = await fetch(ticket.upload_url, { method: 'POST', body: new Uint8Array(file.bytes) });
  if (!sent.ok) throw new Error(`the upload URL answered HTTP ${sent.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: ticket.file_id, title: file.title }],
    channel_id: where.channel,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
  });
}
