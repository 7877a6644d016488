import { expect } from 'vitest';

/** Asserts what Slack would refuse: too many blocks, long texts, duplicate block or action ids. */
export function expectWithinSlackLimits(blocks: unknown[], maxBlocks = 50): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(13_000);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const raw of blocks) {
    const block = raw as {
      type: string;
      block_id?: string;
      text?: { text: string };
      fields?: { text: string }[];
      elements?: { action_id?: string; text?: { text: string } | string; value?: string }[];
    };
    if (block.block_id) {
      expect(blockIds.has(block.block_id), `duplicate block_id ${block.block_id}`).toBe(false);
      blockIds.add(block.block_id);
      expect(block.block_id.length).toBeLessThanOrEqual(255);
    }
    if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'actions') {
      expect(block.elements!.length).toBeLessThanOrEqual(25);
      for (const e of block.elements!) {
        expect(actionIds.has(e.action_id!), `duplicate action_id ${e.action_id}`).toBe(false);
        actionIds.add(e.action_id!);
        expect((e.text as { text: string }).text.length).toBeLessThanOrEqual(75);
        expect(e.value?.length ?? 0).toBeLessThanOrEqual(2000);
      }
    }
    if (block.type === 'context') expect(block.elements!.length).toBeLessThanOrEqual(10);
  }
}
