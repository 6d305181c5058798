-- Headless Neovim (0.7+) as a second real LSP client: starts `node server/out/server.js --stdio` on the
-- article given on the command line and checks diagnostics, hover and document symbols.
-- Run by scripts/nvim/run.mjs (npm run test:nvim); ends with :qall! on success, :cquit on failure.
local root = assert(vim.env.NEWS_LENS_ROOT, 'NEWS_LENS_ROOT is not set')
local failures = 0

local function out(s) io.stdout:write(s .. '\n') end
local function check(cond, what, got)
  if cond then out('ok    ' .. what) else
    failures = failures + 1
    out('FAIL  ' .. what .. (got ~= nil and ('\n      got: ' .. vim.inspect(got)) or ''))
  end
end
local function finish()
  out(failures == 0 and 'neovim: all checks passed' or ('neovim: ' .. failures .. ' check(s) failed'))
  vim.cmd(failures == 0 and 'qall!' or 'cquit!')
end

local ok, err = pcall(function()
  vim.bo.filetype = 'news'
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local published = nil
  local client_id = vim.lsp.start_client({
    name = 'news-lens',
    cmd = { 'node', root .. '/server/out/server.js', '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':h'),
    -- Neovim 0.8+ answers the server's workspace/configuration request from `settings`; 0.7 does not
    -- announce that capability, so (as nvim-lspconfig does) the settings are also pushed in on_init.
    settings = { newsLens = { rules = { ['vague-attribution'] = 'error' } } },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        if result and result.uri == uri then published = result end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](e, result, ctx, config)
      end,
    },
  })
  check(client_id ~= nil, 'the server starts')
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- Diagnostics: wait until the configured severity shows (settings read through workspace/configuration).
  local function vague_is_error()
    if not published then return false end
    for _, d in ipairs(published.diagnostics) do
      if d.code == 'vague-attribution' and d.severity == 1 then return true end
    end
    return false
  end
  vim.wait(20000, vague_is_error, 50)
  check(published ~= nil and #published.diagnostics > 0, 'diagnostics are published', published)
  check(vague_is_error(), 'the newsLens.rules setting makes vague-attribution an error', published and published.diagnostics)
  local codes = {}
  for _, d in ipairs(published and published.diagnostics or {}) do
    codes[d.code] = d
    check(d.source == 'news-lens', 'diagnostic source is news-lens: ' .. tostring(d.code))
  end
  check(codes['opinion-as-fact'] ~= nil and codes['opinion-as-fact'].range.start.line == 4, 'opinion-as-fact on line 5', codes)
  check(codes['vague-attribution'] ~= nil and codes['vague-attribution'].range.start.line == 6, 'vague-attribution on line 7', codes)
  local stored = vim.diagnostic.get(bufnr)
  check(#stored == #(published and published.diagnostics or {}), 'Neovim shows them (vim.diagnostic.get)', #stored)

  -- Hover on "Lindqvist" (line 5, 0-based 4).
  local line = vim.api.nvim_buf_get_lines(bufnr, 4, 5, false)[1]
  local col = assert(line:find('Lindqvist', 1, true)) - 1
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = 4, character = col + 2 } }, 10000)
  local h = hover and hover[client_id] and hover[client_id].result
  local value = h and h.contents and h.contents.value or ''
  out('hover: ' .. value:gsub('\n', ' | '))
  check(h ~= nil and h.contents.kind == 'markdown', 'hover answers Markdown', hover)
  check(value:find('**Maria Lindqvist** · Person', 1, true) ~= nil, 'the card names the person and the kind', value)
  check(value:find('Minister', 1, true) ~= nil, 'the card shows the role written in the article', value)
  check(value:find('Mentioned 2 times', 1, true) ~= nil, 'the card counts the mentions', value)
  check(h ~= nil and h.range.start.line == 4 and h.range.start.character == col - 6, 'the hover range is the name', h and h.range)
  local nothing = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = 1, character = 0 } }, 10000)
  check(nothing ~= nil and nothing[client_id] ~= nil and nothing[client_id].result == nil and nothing[client_id].err == nil, 'no hover on a blank line', nothing)

  -- Document symbols: sections first, then entity groups.
  local symbols = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, 10000)
  local s = symbols and symbols[client_id] and symbols[client_id].result or {}
  local names = {}
  for _, x in ipairs(s) do table.insert(names, x.name) end
  out('symbols: ' .. table.concat(names, ', '))
  check(names[1] == 'Talks in Vienna' and names[2] == 'Trade and Energy', 'the sections come first, in order', names)
  local people
  for _, x in ipairs(s) do if x.name == 'People' then people = x end end
  local child
  for _, c in ipairs(people and people.children or {}) do if c.name == 'Maria Lindqvist' then child = c end end
  check(child ~= nil, 'People lists Maria Lindqvist', people)
  check(child ~= nil and child.range.start.line == 4 and child.selectionRange.start.line == 4, 'an entity symbol is its first mention', child)

  -- An edit: Neovim sends incremental changes; the new paragraph's finding appears.
  vim.api.nvim_buf_set_lines(bufnr, 7, 7, false, { 'Critics say the deal is doomed.', '' })
  local function critics()
    for _, d in ipairs(published and published.diagnostics or {}) do
      if d.code == 'vague-attribution' and d.range.start.line == 7 then return true end
    end
    return false
  end
  vim.wait(20000, critics, 50)
  check(critics(), 'after an edit, the inserted line gets its diagnostic', published and published.diagnostics)

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end)
if not ok then
  failures = failures + 1
  out('FAIL  the script raised: ' .. tostring(err))
end
finish()
