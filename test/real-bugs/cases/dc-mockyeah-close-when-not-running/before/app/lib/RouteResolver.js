'use strict';

class RouteResolver {
  constructor(app) {
    this.app = app;
    this.routes = [];
  }

  register(method, path, options = {}) {
    const route = { method, path, status: options.status || 200, json: options.json };
    this.routes.push(route);
    this.app[method](path, (req, res) => res.status(route.status).json(route.json));
    return route;
  }

  reset() {
    this.routes.length = 0;
  }
}

module.exports = RouteResolver;
