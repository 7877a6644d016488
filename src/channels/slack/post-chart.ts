import type { WebClient } from '@slack/web-api';
import { renderChartPng } from '../../charts/render-chart.js';
import type { Logger } from '../../logging/logger.js';
import type { Reply } from '../../replies/reply.js';
import { uploadFile } from './upload-file.js';

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
    await uploadFile(client, where, {
      filename: `${reply.chart.kind.replace(/_/g, '-')}.png`,
      title: reply.chart.title,
      bytes: png,
      altText: reply.chart.altText,
    });
  } catch (error) {
    // The answer is already there; a missing picture is logged, not shown as a failure.
    log.warn({ err: error }, 'could not upload a chart');
  }
}
