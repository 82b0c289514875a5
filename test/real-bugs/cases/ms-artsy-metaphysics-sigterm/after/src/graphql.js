import express from 'express';

export const graphqlRouter = express.Router();
graphqlRouter.post('/', (req, res) => res.json({ data: null }));
