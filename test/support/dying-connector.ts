import type { Connector } from '../../src/connectors/connector.js';

/** The connector as if Tend died right after its first page was handed over (and written). */
export function dyingAfterFirstPage(connector: Connector): Connector {
  return {
    kind: connector.kind,
    async *pages(input) {
      for await (const page of connector.pages(input)) {
        yield page;
        throw new Error('killed');
      }
    },
  };
}
