module.exports = {
  apps: [
    {
      name: 'thirdparty-api',
      script: './dist-prod/main.js',
      exec_mode: 'cluster',
      instances: 6,
      watch: false,
      autorestart: true,
      max_memory_restart: '1024M',
      exp_backoff_restart_delay: 200,
    },
  ],
};
