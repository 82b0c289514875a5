import express from 'express';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { eq } from 'drizzle-orm';
import { agreements } from './schema';

const dbUrl = process.env.DATABASE_URL!;
const app = express();
app.use(express.json());

app.get('/agreements/:id', async (req, res) => {
  const queryClient = postgres(dbUrl);
  const db = drizzle({
    client: queryClient,
    casing: 'snake_case',
  });
  const rows = await db.select().from(agreements).where(eq(agreements.id, Number(req.params.id)));
  if (!rows.length) {
    res.status(404).end();
    return;
  }
  res.json(rows[0]);
});

const server = app.listen(Number(process.env.PORT ?? 9000));
process.on('SIGTERM', () => server.close());
