'use strict';

const Promise = require('bluebird');
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
  // IAM throttles bursts ("Rate exceeded"): one call at a time.
  return Promise.map(users, user =>
    Promise.map(user.groups, group => addUserToGroup(user.username, group), { concurrency: 1 }),
  { concurrency: 1 });
}

module.exports = { assignGroups };
