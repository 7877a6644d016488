// Free-text answers of the kinds real surveys get: plain praise, complaints, mixed verdicts,
// sarcasm (which naive sentiment scoring gets wrong) and off-topic remarks.

export type CommentTone = 'positive' | 'negative' | 'mixed' | 'sarcastic' | 'off_topic';

export const comments: Record<CommentTone, readonly string[]> = {
  positive: [
    'Support answered within the hour and fixed the export issue the same day. Impressive.',
    'The new dashboards saved my team about five hours a week on reporting.',
    'Onboarding was smooth; our trainer knew our workflows better than we did.',
    'Reliable, fast, and the roadmap call last month was genuinely useful.',
    'We rolled it out to two more departments because people kept asking for access.',
    'Our CSM is proactive and always comes with ideas, not just status updates.',
    'Best vendor experience we have had this year. The API docs are excellent.',
    'Automation rules cut our manual triage in half. Leadership noticed.',
    'Great product. Renewal is a no-brainer for us.',
    'The integration with our CRM just works, which is rare.',
  ],
  negative: [
    'Three outages this month and no proactive communication. We found out from our own users.',
    'Tickets sit for days before anyone responds. We have escalated twice.',
    'The price increase was not justified by anything new in the product.',
    'Reporting is too rigid; we export everything to spreadsheets anyway.',
    'Our champion left and nobody from your side reached out to the new team.',
    'Onboarding dragged on for four months and we still are not live in the second region.',
    'Performance has been awful since the last release; pages take ten seconds to load.',
    'We are evaluating alternatives. Too many bugs in core workflows.',
    'Nobody could explain how the new billing works. Very frustrating.',
    'Training sessions were cancelled twice at short notice.',
  ],
  mixed: [
    'The product is solid but support response times have slipped lately.',
    'Love the analytics, hate the permissions model.',
    'Value is there, but the rollout took much longer than promised.',
    'Good features, though the mobile app crashes more than it should.',
    'Our team likes it; finance keeps questioning the cost.',
    'Setup was painful, but once running it has been dependable.',
    'Fine for day-to-day use. The quarterly review felt like a sales pitch though.',
    'Search is much better now; exports are still slow.',
  ],
  sarcastic: [
    'Oh great, another release that moved every button. Just what we needed.',
    'Love waiting three days for a ticket reply. Really builds character.',
    'Fantastic, the dashboard is down again. Best Monday ever.',
    'Sure, the invoice went up 20%. The new logo is lovely though.',
    'Wonderful how the sync only fails during month-end close.',
  ],
  off_topic: [
    'Can someone update the billing contact to our new finance address?',
    'Is the office closed between Christmas and New Year?',
    'Please add Priya to the next training invite.',
    'n/a',
    'Who do I talk to about the partner conference tickets?',
  ],
};
