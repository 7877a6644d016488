import type { App } from '@slack/bolt';
import { actionIds } from '../render-blocks.js';
import { formCallbackIds } from '../slack-forms.js';
import { openForm } from './actions/open-form.js';
import { recordFeedback } from './actions/record-feedback.js';
import { feedbackActionIds, tendAssistant } from './assistant/tend-assistant.js';
import { runButton } from './actions/run-button.js';
import { shareAnswer } from './actions/share-answer.js';
import { tendCommand } from './commands/tend-command.js';
import { appMention } from './events/app-mention.js';
import { directMessage } from './events/direct-message.js';
import { appHomeOpened } from './home/app-home-opened.js';
import type { SlackListenerContext } from './listener-context.js';
import { ignoreDuplicateEvents } from './middleware/ignore-duplicate-events.js';
import { recordSubmitted } from './views/record-submitted.js';
import { surveyCommentSubmitted } from './views/survey-comment-submitted.js';

/** Every Slack listener, one file each, by kind: assistant, command, events, actions, views, home. */
export function registerListeners(app: App, context: SlackListenerContext, command: string): void {
  app.use(ignoreDuplicateEvents(context));
  // Before the message listener: assistant threads (the agent view) are answered by the assistant.
  app.assistant(tendAssistant(context));
  app.command(command, tendCommand(context));
  app.message(directMessage(context));
  app.event('app_mention', appMention(context));
  app.action(new RegExp(`^${actionIds.command}_\\d+$`), runButton(context));
  app.action(new RegExp(`^${actionIds.form}_\\d+$`), openForm(context));
  app.action(actionIds.share, shareAnswer(context));
  app.action(feedbackActionIds.helpful, recordFeedback(context));
  app.action(feedbackActionIds.notHelpful, recordFeedback(context));
  app.view(formCallbackIds.survey_comment, surveyCommentSubmitted(context));
  app.view(formCallbackIds.note, recordSubmitted(context, 'note'));
  app.view(formCallbackIds.goal, recordSubmitted(context, 'goal'));
  app.view(formCallbackIds.skip_reason, recordSubmitted(context, 'skip_reason'));
  app.event('app_home_opened', appHomeOpened(context));
}
