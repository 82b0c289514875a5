import { Injectable } from '@nestjs/common';
import { EntitySchema } from 'typeorm';
import { WorkspaceDataSource } from '../datasource/workspace.datasource';
import { WorkspaceMetadataCacheService } from '../../metadata-cache/workspace-metadata-cache.service';

@Injectable()
export class WorkspaceDatasourceFactory {
  /** The creation promise is cached, not the datasource: concurrent callers share one creation. */
  private readonly dataSources = new Map<string, Promise<WorkspaceDataSource>>();

  constructor(private readonly workspaceMetadataCache: WorkspaceMetadataCacheService) {}

  public create(entities: EntitySchema[], workspaceId: string, version: string | null): Promise<WorkspaceDataSource> {
    const cacheKey = `${workspaceId}-${version}`;
    let pending = this.dataSources.get(cacheKey);

    if (!pending) {
      pending = this.build(entities, workspaceId).catch((error) => {
        this.dataSources.delete(cacheKey);
        throw error;
      });
      this.dataSources.set(cacheKey, pending);
    }

    return pending;
  }

  private async build(entities: EntitySchema[], workspaceId: string): Promise<WorkspaceDataSource> {
    const metadata = await this.workspaceMetadataCache.getMetadata(workspaceId);
    const dataSource = new WorkspaceDataSource(
      { workspaceId },
      {
        type: 'postgres',
        url: process.env.PG_DATABASE_URL,
        schema: metadata.schema,
        entities,
        extra: { connectionTimeoutMillis: 10_000 },
      },
    );

    await dataSource.initialize();
    return dataSource;
  }

  public async destroy(workspaceId: string): Promise<void> {
    for (const [key, pending] of this.dataSources) {
      if (!key.startsWith(`${workspaceId}-`)) continue;
      this.dataSources.delete(key);
      await (await pending).destroy();
    }
  }
}
