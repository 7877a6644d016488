/**
 * Area under the ROC curve of a risk score: the chance that a randomly chosen positive (an account
 * that churned) carries a higher risk than a randomly chosen negative, ties counting half
 * (Mann-Whitney U / (n+ x n-)). Null without both a positive and a negative.
 */
export function auc(risks: readonly number[], positive: readonly boolean[]): number | null {
  const items = risks.map((risk, i) => ({ risk, positive: positive[i]! })).sort((a, b) => a.risk - b.risk);
  const nPos = items.filter((x) => x.positive).length;
  const nNeg = items.length - nPos;
  if (!nPos || !nNeg) return null;
  // Average ranks over ties, then the rank-sum of the positives.
  let rankSum = 0;
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j + 1 < items.length && items[j + 1]!.risk === items[i]!.risk) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (items[k]!.positive) rankSum += rank;
    i = j + 1;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
