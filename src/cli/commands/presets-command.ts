import type { Command } from 'commander';
import { builtInPresets, presetSource, UnknownPresetError } from '../../core/presets/built-in-presets.js';
import type { Preset } from '../../core/presets/preset-schema.js';
import {
  loadPresetCatalogue,
  saveCustomPreset,
  updateWorkspaceProfile,
} from '../../services/scoring/preset-catalogue.js';
import { CommandError, createCliContext } from '../cli-context.js';
import { readJsonFile } from '../json-input.js';

function sections(p: Preset): string {
  return [
    p.model ? `model (${p.model.dimensions.map((d) => `${d.key} ${d.weight}`).join(', ')})` : undefined,
    p.triggers.length ? `${p.triggers.length} triggers` : undefined,
    p.lifecycle ? `${p.lifecycle.stages.length} lifecycle stages` : undefined,
    p.cadence ? 'cadences' : undefined,
    p.renewalMilestones ? 'renewal milestones' : undefined,
    p.escalationPaths ? `${p.escalationPaths.length} escalation path(s)` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

export function registerPresets(program: Command): void {
  const presets = program
    .command('presets')
    .description(
      'List the framework presets, print one to copy and edit, import your copy, choose what the workspace uses',
    )
    .action(async () => {
      const ctx = createCliContext({ quiet: true });
      const catalogue = await ctx.withDatabase((db) => loadPresetCatalogue(db.prisma));
      for (const p of catalogue.presets.values()) {
        ctx.out(
          `${p.id.padEnd(16)} ${p.name}${builtInPresets.has(p.id) ? '' : ' (custom)'}\n${' '.repeat(17)}${sections(p)}`,
        );
      }
      const pr = catalogue.profile;
      ctx.out(
        `\nWorkspace: model ${pr.model}${Object.entries(pr.modelByTier)
          .map(([t, m]) => `, ${m} for ${t} tier`)
          .join('')}${Object.entries(pr.modelBySegment)
          .map(([s, m]) => `, ${m} for ${s} segment`)
          .join('')}; ` +
          `triggers ${pr.triggers.join(', ')}; lifecycle ${pr.lifecycle}; cadence ${pr.cadence}; renewals ${pr.renewals}; escalation ${pr.escalation}`,
      );
    });

  presets
    .command('show <id>')
    .description('Print a built-in preset as JSON (save it, edit it, then tend presets import <file>)')
    .action((id: string) => {
      try {
        process.stdout.write(`${JSON.stringify(presetSource(id), null, 2)}\n`);
      } catch (error) {
        if (error instanceof UnknownPresetError) throw new CommandError(error.message, 2);
        throw error;
      }
    });

  presets
    .command('import <file>')
    .description('Validate your own preset (JSON) and store it in the workspace')
    .action(async (file: string) => {
      const ctx = createCliContext({ quiet: true });
      const raw = readJsonFile(file);
      try {
        const preset = await ctx.withDatabase((db) => saveCustomPreset(db.prisma, raw));
        ctx.out(`Stored preset "${preset.id}" (${sections(preset)}). Use it with: tend presets use ${preset.id}`);
      } catch (error) {
        throw new CommandError((error as Error).message);
      }
    });

  presets
    .command('use <id>')
    .description(
      'Make a preset the workspace health model (or only for a tier or segment), or the source of triggers, lifecycle, cadence, renewals or escalation',
    )
    .option('--tier <tier>', 'only accounts of this tier')
    .option('--segment <segment>', 'only accounts of this segment')
    .option('--for <part>', 'model (default), triggers, lifecycle, cadence, renewals or escalation', 'model')
    .action(async (id: string, options: { tier?: string; segment?: string; for: string }) => {
      const ctx = createCliContext({ quiet: true });
      const parts = ['model', 'triggers', 'lifecycle', 'cadence', 'renewals', 'escalation'];
      if (!parts.includes(options.for)) throw new CommandError(`--for must be one of ${parts.join(', ')}`, 2);
      try {
        const profile = await ctx.withDatabase((db) =>
          updateWorkspaceProfile(db.prisma, (p) => {
            if (options.for !== 'model')
              return { ...p, [options.for]: options.for === 'triggers' ? id.split(',') : id };
            if (options.tier) return { ...p, modelByTier: { ...p.modelByTier, [options.tier]: id } };
            if (options.segment) return { ...p, modelBySegment: { ...p.modelBySegment, [options.segment]: id } };
            return { ...p, model: id };
          }),
        );
        ctx.out(`Workspace now uses: ${JSON.stringify(profile)}. Run tend score --all --changed to rescore.`);
      } catch (error) {
        throw new CommandError((error as Error).message, 2);
      }
    });
}
