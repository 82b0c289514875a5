export interface Migration {
  name: string;
  dateWritten: string;
  idempotent: boolean;
  action: () => Promise<void>;
}

const migrations: Record<string, Migration> = {};

export function registerMigration(migration: Migration): void {
  migrations[migration.name] = migration;
}

export async function runMigration(name: string): Promise<void> {
  const migration = migrations[name];
  if (!migration) throw new Error(`no migration named ${name}`);
  await migration.action();
}
