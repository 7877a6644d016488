import type { SurveyPolicy } from '../config/config.js';
import type { LlmClient } from '../llm/llm-client.js';
import type { Logger } from '../logging/logger.js';
import type { AlertNotifiers } from '../services/alerts/alert-notifier.js';
import type { Database } from '../services/database.js';
import type { PlayEffects } from '../services/plays/play-effects.js';
import type { CreatedSurvey } from '../services/surveys/survey-requests.js';

/** What every intent handler may use; built once per process by src/app. */
export interface ConversationDeps {
  /** Passed through to the use cases; the conversation layer never queries it itself. */
  prisma: Database;
  now(): Date;
  /** The team's time zone (TZ_SCHEDULE): "this month" and "Q1" are its calendar's. UTC when absent. */
  timeZone?: string;
  /** Configured model for reading plain questions (and, later, wording); undefined = offline. */
  llm?: LlmClient;
  /** Replace emails and phone numbers before text goes to the model (default true). */
  redactPii?: boolean;
  logger?: Logger;
  /** Sending surveys: the policy, and delivery to the contact's chat (absent without a chat app). */
  surveys?: { policy: SurveyPolicy; deliver(survey: CreatedSurvey): Promise<void> };
  /** Called after a survey answer or comment (alerts on detractors). */
  onSurveyAnswered?(requestId: string): Promise<unknown>;
  /** Called after someone acts on an alert, to update its messages. */
  onAlertChanged?(alertId: string): Promise<unknown>;
  /** The connected chat apps: asked whether someone given a task is a guest (absent: not asked). */
  notifiers?: AlertNotifiers;
  /** What play system steps do in chat and CRMs once approved (absent: they fail with a clear reason). */
  plays?: PlayEffects;
  /** Where unexpected failures are recorded; the person sees only a reference id. */
  logError?(error: unknown, context: { reference: string; text: string }): void;
}
