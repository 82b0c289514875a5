'use strict';

const { assignGroups } = require('./src/groups');
const { fetchPermissions } = require('./src/permissions');

module.exports.sync = async () => {
  const users = await fetchPermissions();
  await assignGroups(users);
  return { statusCode: 200, body: JSON.stringify({ users: users.length }) };
};
