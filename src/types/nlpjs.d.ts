// NLP.js 4 ships JavaScript without types; Tend uses only what intent-classifier.ts declares.
declare module '@nlpjs/core' {
  export function containerBootstrap(): Promise<{
    use(plugin: unknown): void;
    get(name: string): unknown;
    registerConfiguration(tag: string, settings: Record<string, unknown>, overwrite?: boolean): void;
  }>;
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
