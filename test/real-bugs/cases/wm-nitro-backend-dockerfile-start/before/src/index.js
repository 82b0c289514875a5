import { GraphQLServer } from 'graphql-yoga';

const server = new GraphQLServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
server.start({ port: process.env.GRAPHQL_PORT || 4000 }, () => {
  console.log('Server is running');
});
