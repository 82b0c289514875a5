import { unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export class LockFile {
  readonly path = path.join(os.homedir(), '.pmxt', 'server.lock');

  async acquire(port: number): Promise<void> {
    await writeFile(this.path, JSON.stringify({ pid: process.pid, port }), { flag: 'wx' });
  }

  async remove(): Promise<void> {
    await unlink(this.path);
  }
}
