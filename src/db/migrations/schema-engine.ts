import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

// Prisma's CLI runs migrations through a native schema-engine binary that it downloads on first use,
// which fails offline. The same engine ships as WebAssembly (@prisma/schema-engine-wasm) and can be
// driven through a driver adapter; this module loads it without any Node flags.

// Node has WebAssembly globally; its types live in lib.dom, which a server project does not load.
interface WasmRuntime {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let bindings: Promise<Bindings> | undefined;

function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const require = createRequire(import.meta.url);
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const module = new wasmRuntime.Module(readFileSync(wasmPath));
    const instance = new wasmRuntime.Instance(module, { './schema_engine_bg.js': bg });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    (bg as unknown as { __wbg_set_wasm: (e: unknown) => void }).__wbg_set_wasm(instance.exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return bindings;
}

const panics: { last?: string } = {};
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    panics.last = message;
  },
};

export interface SchemaEngineHandle {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** Opens the WebAssembly schema engine on a database (it connects at once) with the given schema. */
export async function openSchemaEngine(
  connectionString: string,
  schemaText: string,
  dbSchema?: string,
): Promise<SchemaEngineHandle> {
  const bg = await loadBindings();
  const pg = new PrismaPg({ connectionString, max: 1 }, dbSchema ? { schema: dbSchema } : {});
  // The engine never disposes the connections it opens; track them so close() can, because the
  // embedded database accepts a single connection and the app needs it next.
  const opened: SqlDriverAdapter[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: pg.provider,
    adapterName: pg.adapterName,
    async connect() {
      const adapter = await pg.connect();
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = await pg.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const factory = bindMigrationAwareSqlAdapterFactory(tracking);
  const engine = await bg.SchemaEngine.new(
    { datamodels: [['schema.prisma', schemaText]] },
    () => {
      // Engine log lines are JSON tracing records; nothing in them is needed to run migrations.
    },
    factory,
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

/** Turns a wasm-bindgen error (a JSON string or a panic) into a readable Error. */
export function engineError(error: unknown): Error {
  if (panics.last) {
    const message = panics.last;
    panics.last = undefined;
    return new Error(`Prisma schema engine panicked: ${message}`);
  }
  if (error instanceof Error) return error;
  if (typeof error === 'string') {
    try {
      const parsed = JSON.parse(error) as { message?: string };
      if (parsed.message) return new Error(parsed.message);
    } catch {
      // not JSON: use the text as it is
    }
    return new Error(error);
  }
  return new Error(String(error));
}
