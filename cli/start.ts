// The entry of dist/cli.js, kept small: --help, --version and wrong usage are answered from the
// arguments (and package.json's version) without loading dist/bundle.js, the 15 MB bundle that
// holds the TypeScript compiler; anything else starts the CLI in that bundle through V8's code
// cache (dist/code-cache.js), which parses the arguments again (a microsecond) and lints.
import * as path from 'node:path';
import { quickAnswer } from './quick-answers';

const answer = quickAnswer(process.argv.slice(2), process);
if (typeof answer === 'number') {
  // An exit code, not process.exit: a piped answer is flushed in full.
  process.exitCode = answer;
} else {
  require('./code-cache.js').run(path.join(__dirname, 'bundle.js'), module, 'cli');
}
