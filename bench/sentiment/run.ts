// Sentiment accuracy of Tend's offline provider on the Amazon product-review snippets rated by
// people in the VADER paper (Hutto & Gilbert 2014): 3-class accuracy and weighted F1, with ±0.05
// thresholds on both the human mean rating and the predicted score, against plain VADER measured in
// the same run, and items per second. Target: no worse than plain VADER.
//   npm run bench:sentiment     (TEND_SENTIMENT_DATA=<file> to use another copy of the data)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vader from 'vader-sentiment';
import { sentimentLabel, type SentimentLabel } from '../../src/core/text/sentiment.js';
import { offlineSentiment } from '../../src/llm/sentiment/offline-sentiment.js';
import { projectRoot } from '../../src/paths.js';

const file =
  process.env.TEND_SENTIMENT_DATA ?? join(projectRoot, '../shared/data/sentiment/amazonReviewSnippets_GroundTruth.txt');
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .map((line) => line.split('\t'))
  .filter((cols) => cols.length >= 3 && cols[1] !== '' && !Number.isNaN(Number(cols[1])))
  .map(([, rating, ...text]) => ({ truth: sentimentLabel(Number(rating)), text: text.join('\t') }));

const classes: SentimentLabel[] = ['positive', 'neutral', 'negative'];

function evaluate(label: string, predict: (text: string) => SentimentLabel): void {
  const started = performance.now();
  const predicted = rows.map((r) => predict(r.text));
  const seconds = (performance.now() - started) / 1000;
  const correct = predicted.filter((p, i) => p === rows[i]!.truth).length;
  let weightedF1 = 0;
  for (const c of classes) {
    const tp = predicted.filter((p, i) => p === c && rows[i]!.truth === c).length;
    const fp = predicted.filter((p, i) => p === c && rows[i]!.truth !== c).length;
    const fn = predicted.filter((p, i) => p !== c && rows[i]!.truth === c).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    weightedF1 += f1 * (rows.filter((r) => r.truth === c).length / rows.length);
  }
  console.log(
    `${label}: accuracy ${((correct / rows.length) * 100).toFixed(1)} %, weighted F1 ${weightedF1.toFixed(3)}, ${Math.round(rows.length / seconds)} items/s`,
  );
}

console.log(`${rows.length} snippets from ${file}`);
evaluate('plain VADER (vader-sentiment)', (text) =>
  sentimentLabel(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound),
);
evaluate("Tend's offline provider", (text) => offlineSentiment(text).label);
