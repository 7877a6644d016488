import type { WebClient } from '@slack/web-api';
import { renderChartPng } from '../../charts/render-chart.js';
import type { Logger } from '../../logging/logger.js';
import type { Reply } from '../../replies/reply.js';

/**
 * Uploads a reply's chart as a PNG where the reply was posted (a DM or an assistant thread), with
 * its alt text. Only in places the person alone reads: a file in a channel would be public.
 */
export async function postChart(
  client: WebClient,
  where: { channel: string; threadTs?: string },
  reply: Reply,
  log: Logger,
): Promise<void> {
  if (!reply.chart) return;
  try {
    const png = renderChartPng(reply.chart);
    // The three documented steps rather than files.uploadV2, which sends the alt text as `alt_text`:
    // Slack's files.getUploadURLExternal documents it as `alt_txt`, and ignores other names.
    const ticket = (await client.apiCall('files.getUploadURLExternal', {
      filename: `${reply.chart.kind.replace(/_/g, '-')}.png`,
      length: png.length,
      alt_txt: reply.chart.altText.slice(0, 1000),
    })) as { upload_url?: string; file_id?: string };
    if (!ticket.upload_url || !ticket.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
    const sent = await fetch(ticket.upload_url, { method: 'POST', body: new Uint8Array(png) });
    if (!sent.ok) throw new Error(`the upload URL answered HTTP ${sent.status}`);
    await client.files.completeUploadExternal({
      files: [{ id: ticket.file_id, title: reply.chart.title }],
      channel_id: where.channel,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    });
  } catch (error) {
    // The answer is already there; a missing picture is logged, not shown as a failure.
    log.warn({ err: error }, 'could not upload a chart');
  }
}
