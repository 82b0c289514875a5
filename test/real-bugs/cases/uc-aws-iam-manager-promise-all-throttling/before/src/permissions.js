'use strict';

const AWS = require('aws-sdk');
const s3 = new AWS.S3({ httpOptions: { timeout: 10000 } });

async function fetchPermissions() {
  const object = await s3.getObject({ Bucket: process.env.PERMISSIONS_BUCKET, Key: 'permissions.json' }).promise();
  return JSON.parse(object.Body.toString('utf8')).users;
}

module.exports = { fetchPermissions };
