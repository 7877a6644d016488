/** A calendar quarter, e.g. 2026Q3: [from, to) in UTC. */
export interface Quarter {
  label: string;
  from: Date;
  /** Exclusive: the first instant of the next quarter. */
  to: Date;
}

export function parseQuarter(label: string): Quarter | undefined {
  const text = label.trim();
  const yearFirst = /^(\d{4})\s*-?\s*Q([1-4])$/i.exec(text);
  if (yearFirst) return quarterOf(Number(yearFirst[1]), Number(yearFirst[2]));
  const quarterFirst = /^Q([1-4])\s*-?\s*(\d{4})$/i.exec(text);
  if (quarterFirst) return quarterOf(Number(quarterFirst[2]), Number(quarterFirst[1]));
  return undefined;
}

function quarterOf(year: number, q: number): Quarter {
  return {
    label: `${year}Q${q}`,
    from: new Date(Date.UTC(year, (q - 1) * 3, 1)),
    to: new Date(Date.UTC(year, q * 3, 1)),
  };
}

/** The last quarter that has ended at `now`: what a QBR reviews by default. */
export function lastCompletedQuarter(now: Date): Quarter {
  const q = Math.floor(now.getUTCMonth() / 3) + 1;
  return q === 1 ? quarterOf(now.getUTCFullYear() - 1, 4) : quarterOf(now.getUTCFullYear(), q - 1);
}

export const nextQuarter = (quarter: Quarter): Quarter => {
  const year = quarter.from.getUTCFullYear();
  const q = Math.floor(quarter.from.getUTCMonth() / 3) + 1;
  return q === 4 ? quarterOf(year + 1, 1) : quarterOf(year, q + 1);
};

/** The quarter `now` falls in: what a QBR reviews "so far" for an account with no completed quarter. */
export function currentQuarter(now: Date): Quarter {
  return quarterOf(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) + 1);
}
