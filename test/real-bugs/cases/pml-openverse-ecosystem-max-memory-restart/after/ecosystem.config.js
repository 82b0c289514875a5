module.exports = {
  apps: [
    {
      name: 'openverse-frontend',
      exec_mode: 'cluster',
      instances: 'max',
      script: './node_modules/nuxt/bin/nuxt.js',
      args: 'start',
      exp_backoff_restart_delay: 100,
      max_memory_restart: '1700M',
      env: {
        NODE_ENV: 'production',
        PORT: 8443,
      },
    },
  ],
}
