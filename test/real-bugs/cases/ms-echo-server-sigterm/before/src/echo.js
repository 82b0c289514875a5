module.exports = (req, res, config) => {
  res.json({ host: req.hostname, path: req.path, headers: config.get('enable:header') ? req.headers : undefined });
};
