const values = { port: Number(process.env.PORT) || 80, 'enable:header': true };
module.exports = { get: (key) => values[key] };
