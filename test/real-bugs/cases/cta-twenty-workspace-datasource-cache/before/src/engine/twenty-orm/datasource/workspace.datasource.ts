import { DataSource, DataSourceOptions } from 'typeorm';

export class WorkspaceDataSource extends DataSource {
  constructor(public readonly context: { workspaceId: string }, options: DataSourceOptions) {
    super(options);
  }
}
