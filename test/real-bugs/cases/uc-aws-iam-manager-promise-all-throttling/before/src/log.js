'use strict';

module.exports = (name) => ({
  info: (obj, msg) => console.log(JSON.stringify({ name, level: 30, msg, ...obj })),
  error: (obj, msg) => console.error(JSON.stringify({ name, level: 50, msg, ...obj })),
});
