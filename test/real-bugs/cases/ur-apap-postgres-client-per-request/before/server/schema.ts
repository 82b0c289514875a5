import { pgTable, serial, text, jsonb } from 'drizzle-orm/pg-core';

export const agreements = pgTable('agreements', {
  id: serial('id').primaryKey(),
  uri: text('uri').notNull(),
  data: jsonb('data'),
});
