import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../../src/channels/teams/teams-package.js';
import { parseIntent } from '../../../src/conversation/parse-intent.js';

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('Teams app package', () => {
  it('has the manifest with the configured ids, and the two icons at their required sizes', async () => {
    const appId = '6f1c2d3e-0000-4000-8000-000000000abc';
    const zip = await JSZip.loadAsync(await buildTeamsPackage({ appId, publicHost: 'tend.acme.io' }));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toContain('{{');
    const manifest = JSON.parse(text) as {
      id: string;
      manifestVersion: string;
      validDomains: string[];
      bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
    };
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0]!.botId).toBe(appId);
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.validDomains).toEqual(['tend.acme.io']);
    expect(pngSize(await zip.file('color.png')!.async('nodebuffer'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(await zip.file('outline.png')!.async('nodebuffer'))).toEqual({ width: 32, height: 32 });
    // Every command the manifest offers is one Tend understands.
    for (const { title } of manifest.bots[0]!.commandLists[0]!.commands)
      expect(parseIntent(`${title} Acme`).kind, title).not.toBe('unknown');
  });
});
