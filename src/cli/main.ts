import { runCli } from './tend.js';

const code = await runCli(process.argv);
// Every command has finished its work and closed the database here (`start` and `chat` return only
// when stopped). The WebAssembly schema engine leaves a timer of about 10 s behind after migrating (a
// Timeout in the event loop that Tend cannot reach), so waiting for the loop to drain kept every
// command alive for about 10 s after its output. Exit once stdout and stderr are flushed instead.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
