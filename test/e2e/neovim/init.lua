-- Neovim 0.7 as a real LSP client of stability-lint-language-server: for each case, open the
-- file, wait for the server's diagnostic, ask for code actions on it, apply the preferred quick
-- fix as Neovim does (resolving its edit first), and check the text and that the finding goes.
-- Inputs come from the environment (E2E_NODE, E2E_SERVER, E2E_WORKSPACE, E2E_CASES as JSON, E2E_RESULTS);
-- one JSON line per case is appended to E2E_RESULTS. Exit status: 0 all passed, 1 otherwise.
local env = vim.env
local server, workspace, results_path = env.E2E_SERVER, env.E2E_WORKSPACE, env.E2E_RESULTS
local cases = vim.fn.json_decode(env.E2E_CASES)
local WAIT_MS = tonumber(env.E2E_WAIT_MS or '30000')

local results = assert(io.open(results_path, 'a'))
local function record(entry)
  results:write(vim.fn.json_encode(entry), '\n')
  results:flush()
end

vim.cmd('filetype on')

local client_id = vim.lsp.start_client({
  name = 'stability-lint',
  cmd = { env.E2E_NODE or 'node', server, '--stdio' },
  root_dir = workspace,
  workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'service' } },
  on_exit = function(code, signal)
    if code ~= 0 then
      io.stderr:write(('language server exited with code %s signal %s\n'):format(code, signal))
    end
  end,
})
assert(client_id, 'vim.lsp.start_client returned nil for ' .. server)

local function client()
  return vim.lsp.get_client_by_id(client_id)
end

local SEVERITY = { error = 1, warning = 2, information = 3, hint = 4 }

local function findings(buf, rule)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == rule then table.insert(out, d) end
  end
  return out
end

local function wait_for(what, fn)
  if not vim.wait(WAIT_MS, fn, 50) then
    error(('timed out after %d ms waiting for %s'):format(WAIT_MS, what), 0)
  end
end

local function check(cond, fmt, ...)
  if not cond then error(fmt:format(...), 0) end
end

-- Lines first .. first + #expected - 1 (1-based) of the buffer must be exactly `expected`.
local function check_lines(buf, first, expected, when)
  local got = vim.api.nvim_buf_get_lines(buf, first - 1, first - 1 + #expected, false)
  check(vim.deep_equal(got, expected), 'lines %d-%d %s are %s, expected %s',
    first, first + #expected - 1, when, vim.inspect(got), vim.inspect(expected))
end

local function run_case(case)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. case.file))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.lsp.buf_attach_client(buf, client_id), 'buf_attach_client failed for %s', case.file)

  local function here()
    return vim.tbl_filter(function(x) return x.lnum == case.line - 1 end, findings(buf, case.rule))
  end
  wait_for(('a %s diagnostic on line %d of %s'):format(case.rule, case.line, case.file), function()
    return #here() > 0
  end)
  local list = here()
  check(#list == 1, 'expected exactly one %s diagnostic on line %d of %s, got %d', case.rule, case.line, case.file, #list)
  local d = list[1]
  check(d.source == 'stability-lint', 'diagnostic source is %q, expected "stability-lint"', tostring(d.source))
  check(d.lnum == case.line - 1 and d.col == case.column - 1,
    'diagnostic at %d:%d, expected %d:%d', d.lnum + 1, d.col + 1, case.line, case.column)
  check(d.severity == SEVERITY[case.severity], 'severity %s, expected %s (%d)', tostring(d.severity), case.severity, SEVERITY[case.severity])
  check(vim.startswith(d.message, case.message), 'message %q does not start with %q', d.message, case.message)
  check_lines(buf, case.text.line, case.text.before, 'before the fix')

  -- The code action context is built as vim.lsp.buf.code_action() builds it in 0.7.
  local lsp
  for _, x in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum, {}, client_id)) do
    if x.code == case.rule then lsp = x end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp.range,
    context = { diagnostics = { lsp }, only = { 'quickfix' } },
  }
  local response, err = client().request_sync('textDocument/codeAction', params, WAIT_MS, buf)
  check(response and not response.err, 'textDocument/codeAction failed: %s', vim.inspect(err or (response and response.err)))
  -- A safe fix is the preferred quick fix; a suggestion (`preferred = false`) is picked by its title.
  local chosen, titles = nil, {}
  for _, a in ipairs(response.result or {}) do
    table.insert(titles, a.title)
    if a.kind == 'quickfix' and not chosen then
      if case.preferred == false then
        if a.title == case.fixTitle then chosen = a end
      elseif a.isPreferred then
        chosen = a
      end
    end
  end
  if case.preferred == false then
    check(chosen, 'no quickfix %q among %s', case.fixTitle, vim.inspect(titles))
    check(not chosen.isPreferred, 'the suggestion %q is marked preferred', chosen.title)
  else
    check(chosen, 'no preferred quickfix among %s', vim.inspect(titles))
    check(chosen.title == case.fixTitle, 'preferred quickfix is %q, expected %q', chosen.title, case.fixTitle)
  end

  local action = chosen
  if not action.edit then
    local resolved = client().request_sync('codeAction/resolve', action, WAIT_MS, buf)
    check(resolved and not resolved.err and resolved.result, 'codeAction/resolve failed: %s', vim.inspect(resolved))
    action = resolved.result
  end
  check(action.edit, 'the quick fix %q has no edit after resolve', action.title)
  vim.lsp.util.apply_workspace_edit(action.edit, client().offset_encoding)

  check_lines(buf, case.text.afterLine or case.text.line, case.text.after, 'after the fix')
  -- Gone from its line (moved by lines the fix added above it), and the file's other findings
  -- of the rule (`case.others` of them) stay.
  local others = case.others
  local line_after = case.line + (case.text.afterLine or case.text.line) - case.text.line
  wait_for(('the %s diagnostic on line %d of %s to clear after the fix'):format(case.rule, line_after, case.file), function()
    return #vim.tbl_filter(function(x) return x.lnum == line_after - 1 end, findings(buf, case.rule)) == 0
  end)
  wait_for(('%d other %s diagnostics in %s after the fix'):format(others, case.rule, case.file), function()
    return #findings(buf, case.rule) == others
  end)
end

local failed = 0
for _, case in ipairs(cases) do
  local started = vim.loop.hrtime()
  local ok, err = xpcall(run_case, function(e)
    return type(e) == 'string' and e or vim.inspect(e)
  end, case)
  local ms = math.floor((vim.loop.hrtime() - started) / 1e6)
  if not ok then failed = failed + 1 end
  record({ name = ('neovim: %s quick fix in %s'):format(case.rule, case.file), ok = ok, error = ok and vim.NIL or err, ms = ms })
end
results:close()

vim.lsp.stop_client(client_id)
if failed > 0 then
  vim.cmd('cquit! 1')
else
  vim.cmd('qall!')
end
