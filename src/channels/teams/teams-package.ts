import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { projectRoot } from '../../paths.js';

const dir = join(projectRoot, 'manifests/teams');

/** The Teams manifest with the bot's app id and Tend's public host filled in. */
export function teamsManifest(options: { appId: string; publicHost: string }): Record<string, unknown> {
  const raw = readFileSync(join(dir, 'manifest.json'), 'utf8')
    .replaceAll('{{TEAMS_APP_ID}}', options.appId)
    .replaceAll('{{PUBLIC_HOST}}', options.publicHost);
  return JSON.parse(raw) as Record<string, unknown>;
}

/** The upload package: manifest.json, color.png (192x192) and outline.png (32x32) at the zip root. */
export async function buildTeamsPackage(options: { appId: string; publicHost: string }): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(teamsManifest(options), null, 2));
  zip.file('color.png', readFileSync(join(dir, 'color.png')));
  zip.file('outline.png', readFileSync(join(dir, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
