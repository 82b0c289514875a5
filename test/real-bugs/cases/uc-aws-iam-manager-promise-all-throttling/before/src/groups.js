'use strict';

const AWS = require('aws-sdk');
const log = require('./log')('groups');

const iam = new AWS.IAM();

function addUserToGroup(username, groupName) {
  return iam.addUserToGroup({ GroupName: groupName, UserName: username }).promise()
    .catch((error) => {
      log.error({ error }, 'Error while assigning user to group');
      throw error;
    });
}

function assignGroups(users) {
  return Promise.all(users.map(user =>
    Promise.all(user.groups.map(group => addUserToGroup(user.username, group)))
  ));
}

module.exports = { assignGroups };
