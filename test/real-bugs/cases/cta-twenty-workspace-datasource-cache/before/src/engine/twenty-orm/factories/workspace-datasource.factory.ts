import { Injectable } from '@nestjs/common';
import { EntitySchema } from 'typeorm';
import { WorkspaceDataSource } from '../datasource/workspace.datasource';
import { WorkspaceMetadataCacheService } from '../../metadata-cache/workspace-metadata-cache.service';

@Injectable()
export class WorkspaceDatasourceFactory {
  private readonly dataSources = new Map<string, WorkspaceDataSource>();

  constructor(private readonly workspaceMetadataCache: WorkspaceMetadataCacheService) {}

  public async create(entities: EntitySchema[], workspaceId: string, version: string | null): Promise<WorkspaceDataSource> {
    const cacheKey = `${workspaceId}-${version}`;
    const cached = this.dataSources.get(cacheKey);

    if (cached) {
      return cached;
    }

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
    this.dataSources.set(cacheKey, dataSource);

    return dataSource;
  }

  public async destroy(workspaceId: string): Promise<void> {
    for (const [key, dataSource] of this.dataSources) {
      if (!key.startsWith(`${workspaceId}-`)) continue;
      this.dataSources.delete(key);
      await dataSource.destroy();
    }
  }
}
