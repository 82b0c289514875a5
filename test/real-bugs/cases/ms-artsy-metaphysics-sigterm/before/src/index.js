import express from 'express';
import { graphqlRouter } from './graphql';

const { PORT = 3000, NODE_ENV } = process.env;
const app = express();

app.get('/health', (req, res) => {
  res.status(200).end();
});

app.use('/v2', graphqlRouter);

app.listen(PORT, () => {
  console.log(`[Metaphysics] Listening on http://localhost:${PORT} (${NODE_ENV})`);
});
