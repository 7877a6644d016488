import type { Play, PlayStep, StepOwner } from './play-schema.js';

const dayMs = 86_400_000;

/** System steps that reach a client or a CRM: they wait for the run owner's approval. */
export const needsApproval = (step: PlayStep) =>
  step.kind === 'system' &&
  (step.action === 'check_in_champion' || step.action === 'survey_champion' || step.action === 'crm_task');

export interface PlannedTask {
  stepIndex: number;
  kind: PlayStep['kind'];
  title: string;
  action: string | null;
  message: string | null;
  survey: string | null;
  /** crm_task mirroring a human step: that step's index. */
  mirrorsStepIndex: number | null;
  who: StepOwner | null;
  dueAt: Date;
  state: 'OPEN' | 'AWAITING_APPROVAL' | 'HELD_OUT';
}

/** A run's tasks: one per step, due N days after the run opened; held-out runs skip system steps. */
export function planTasks(play: Play, openedAt: Date, options: { holdout: boolean }): PlannedTask[] {
  return play.steps.map((step, stepIndex) => ({
    stepIndex,
    kind: step.kind,
    title: step.title,
    action: step.kind === 'system' ? step.action : null,
    // A CRM task mirroring a human step reads as that step unless the play words it.
    message: step.kind === 'system' ? (step.message ?? mirroredTitle(play, step) ?? null) : null,
    survey: step.kind === 'system' ? (step.survey ?? null) : null,
    mirrorsStepIndex: step.kind === 'system' && step.mirrors ? step.mirrors - 1 : null,
    who: step.kind === 'human' ? step.who : null,
    dueAt: new Date(openedAt.getTime() + step.dueDays * dayMs),
    state: step.kind === 'system' && options.holdout ? 'HELD_OUT' : needsApproval(step) ? 'AWAITING_APPROVAL' : 'OPEN',
  }));
}

function mirroredTitle(play: Play, step: PlayStep): string | undefined {
  if (step.kind !== 'system' || !step.mirrors) return undefined;
  const target = play.steps[step.mirrors - 1];
  return target?.kind === 'human' ? target.title : undefined;
}

/**
 * Whether a new run is held out of the play's system steps: `draw` is a uniform number in [0, 1)
 * the caller takes from a random source, so the assignment is random and this stays pure.
 */
export const isHeldOut = (play: Play, draw: number) => play.holdoutPercent > 0 && draw * 100 < play.holdoutPercent;

/** Open when any task still waits on someone; a run is complete when none does. */
export const isOpenTaskState = (state: string) =>
  state === 'OPEN' || state === 'AWAITING_APPROVAL' || state === 'FAILED';
