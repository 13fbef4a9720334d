-- One editing session in headless Neovim 0.7, driven by test_neovim.sh:
-- open LSP_INPUT with the shipped Neovim configuration, wait for a LSP_RULE
-- diagnostic, apply the code action whose title contains LSP_ACTION (when
-- set), format the buffer, and compare it with LSP_EXPECT.
local env = vim.env
local lib = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*/)') .. 'lib.lua')
local say, finish = lib.say, lib.finish

local function rule_diags(buf, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then table.insert(out, d) end
  end
  return out
end

local function main()
vim.cmd('filetype on')
dofile(env.LSP_CONFIG)
vim.cmd('edit ' .. vim.fn.fnameescape(env.LSP_INPUT))
local buf = vim.api.nvim_get_current_buf()

if not say(lib.attached(buf), 'dtidy lsp started and attached through the shipped config') then
  return finish()
end

local got = vim.wait(10000, function() return #rule_diags(buf, env.LSP_RULE) > 0 end, 20)
if not say(got, 'diagnostic ' .. env.LSP_RULE .. ' published') then return finish() end
local d = rule_diags(buf, env.LSP_RULE)[1]
say(d.source == 'dtidy', 'diagnostic source is dtidy')

if (env.LSP_ACTION or '') ~= '' then
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
  local chosen, titles = nil, {}
  for _, r in pairs(res) do
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if not chosen and a.title:find(env.LSP_ACTION, 1, true) then chosen = a end
    end
  end
  if not say(chosen ~= nil, 'code action "' .. env.LSP_ACTION .. '" offered (got: '
      .. table.concat(titles, '; ') .. ')') then
    return finish()
  end
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  local cleared = vim.wait(10000, function() return #rule_diags(buf, env.LSP_RULE) == 0 end, 20)
  say(cleared, 'the diagnostic goes away after the code action')
end

vim.lsp.buf.formatting_sync(nil, 5000)
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
local f = io.open(env.LSP_EXPECT, 'r')
local want = f:read('*a')
f:close()
if not say(text == want, 'formatted buffer matches ' .. vim.fn.fnamemodify(env.LSP_EXPECT, ':t')) then
  io.stdout:write('--- got ---\n' .. text .. '--- want ---\n' .. want)
end
end

lib.run(main)
