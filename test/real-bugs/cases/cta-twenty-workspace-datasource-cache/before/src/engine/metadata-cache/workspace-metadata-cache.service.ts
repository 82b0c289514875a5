import { Injectable } from '@nestjs/common';

@Injectable()
export class WorkspaceMetadataCacheService {
  async getMetadata(workspaceId: string): Promise<{ schema: string }> {
    return { schema: `workspace_${workspaceId.replace(/-/g, '')}` };
  }
}
