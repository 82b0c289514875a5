import Fastify from 'fastify';

const server = Fastify({ logger: true });
server.get('/health', async () => ({ ok: true }));

server.listen({ port: 8000, host: '0.0.0.0' });
process.on('SIGTERM', () => void server.close());
