import { EventEmitter } from 'events';
import * as path from 'path';
import { readFile } from 'fs/promises';
import { watch, FSWatcher } from 'chokidar';

export interface FileChangedEvent {
  type: 'fileCreated' | 'fileChanged';
  fullPath: string;
  newContent: string;
}

export class LocalFileSystem {
  public readonly events = new EventEmitter();
  private watcher?: FSWatcher;

  constructor(public readonly baseUrl: string, private readonly ignore: string[] = []) {}

  async init(): Promise<this> {
    this.watcher = watch([this.baseUrl], {
      persistent: true,
      ignoreInitial: true,
      cwd: this.baseUrl,
      ignored: this.ignore,
    });
    this.watcher.on('add', this.onFileAdded);
    this.watcher.on('change', this.onFileChanged);
    return this;
  }

  dispose(): void {
    this.watcher?.close();
  }

  async loadTextFile(relPath: string): Promise<string> {
    return readFile(path.join(this.baseUrl, relPath), 'utf8');
  }

  private onFileAdded = async (relPath: string) => {
    const newContent = await this.loadTextFile(relPath);
    this.events.emit('fileCreated', { type: 'fileCreated', fullPath: relPath, newContent });
  };

  private onFileChanged = (relPath: string) => {
    this.loadTextFile(relPath).then(
      (newContent) => this.events.emit('fileChanged', { type: 'fileChanged', fullPath: relPath, newContent }),
      (error) => this.events.emit('unexpectedError', { type: 'unexpectedError', error }),
    );
  };
}
