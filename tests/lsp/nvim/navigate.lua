-- Navigation in headless Neovim 0.7, driven by test_neovim.sh: the shipped
-- configuration starts `dtidy lsp` on LSP_ROOT (a copy of tests/lsp/board)
-- for board-a.dts, then Neovim's own commands go to the definition, the
-- declaration (through the configuration's gd and gD) and the references
-- of &uart0, rename it across the .dtsi and both boards, and complete a
-- reference; the buffers and the jump targets are checked after each.
local env = vim.env
local lib = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*/)') .. 'lib.lua')
local say, finish = lib.say, lib.finish

local root = env.LSP_ROOT
local board_a = root .. '/src/acme/board-a.dts'
local board_b = root .. '/src/acme/board-b.dts'
local soc = root .. '/src/acme/soc.dtsi'

local function lines_of(path)
  local buf = vim.fn.bufnr(path)
  if buf < 0 then return {} end
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

local function has_line(path, want)
  for _, l in ipairs(lines_of(path)) do
    if l == want then return true end
  end
  return false
end

-- Puts the cursor on the first `text` of the current buffer, `col` bytes in.
local function cursor_on(text, col)
  vim.fn.cursor(1, 1)
  local line = vim.fn.search(text, 'cW')
  local start = vim.fn.getline(line):find(text, 1, true)
  vim.api.nvim_win_set_cursor(0, { line, start - 1 + (col or 0) })
  return line
end

local function qf_summary()
  local out = {}
  for _, it in ipairs(vim.fn.getqflist()) do
    table.insert(out, vim.fn.fnamemodify(vim.fn.bufname(it.bufnr), ':t') .. ':' .. it.lnum .. ':' .. it.col)
  end
  return table.concat(out, ' ')
end

local function main()
  vim.cmd('filetype on')
  dofile(env.LSP_CONFIG)
  vim.cmd('edit ' .. vim.fn.fnameescape(board_a))
  local buf = vim.api.nvim_get_current_buf()
  if not say(lib.attached(buf), 'dtidy lsp started and attached to board-a.dts') then return finish() end

  -- definition of &uart0: the .dtsi's node and the board's block, in the quickfix list
  local override = cursor_on('&uart0 {', 2)
  vim.fn.setqflist({})
  vim.cmd('normal gd')  -- the shipped configuration's mapping
  vim.wait(5000, function() return #vim.fn.getqflist() == 2 end, 20)
  local defs = qf_summary()
  say(#vim.fn.getqflist() == 2 and defs:find('soc.dtsi:23:10', 1, true)
    and defs:find('board-a.dts:' .. override .. ':1', 1, true),
    'definition of &uart0 lists soc.dtsi:23 and board-a.dts:' .. override .. ' (got ' .. defs .. ')')
  vim.cmd('cclose')

  -- declaration: one place, so Neovim jumps there
  vim.cmd('buffer ' .. buf)
  cursor_on('&uart0 {', 2)
  vim.cmd('normal gD')
  vim.wait(5000, function() return vim.api.nvim_buf_get_name(0) == soc end, 20)
  local pos = vim.api.nvim_win_get_cursor(0)
  say(vim.api.nvim_buf_get_name(0) == soc and pos[1] == 23 and pos[2] == 2,
    'declaration of &uart0 jumps to its label in soc.dtsi (at ' .. vim.api.nvim_buf_get_name(0)
    .. ':' .. pos[1] .. ':' .. pos[2] .. ')')

  -- references of the label, from the .dtsi: both boards, board-b only on disk
  cursor_on('uart0:', 1)
  vim.fn.setqflist({})
  vim.lsp.buf.references({ includeDeclaration = false })
  vim.wait(10000, function() return #vim.fn.getqflist() >= 5 end, 20)
  local refs = qf_summary()
  say(#vim.fn.getqflist() == 5 and refs:find('board-a.dts:9:17', 1, true) and refs:find('board-a.dts:13:1', 1, true)
    and refs:find('board-b.dts:9:13', 1, true) and refs:find('board-b.dts:10:13', 1, true)
    and refs:find('board-b.dts:14:1', 1, true),
    'references of uart0 in both boards (got ' .. refs .. ')')
  vim.cmd('cclose')

  -- rename from the board: the label and every reference, three files
  vim.cmd('buffer ' .. buf)
  cursor_on('&uart0 {', 3)
  vim.lsp.buf.rename('console_uart')
  local renamed = vim.wait(10000, function()
    return has_line(board_a, '&console_uart {') and has_line(soc, '\t\tconsole_uart: serial@2000 {')
      and has_line(board_b, '\t\tserial0 = &console_uart;')
  end, 20)
  say(renamed, 'rename updates board-a.dts, soc.dtsi and board-b.dts')
  say(has_line(board_a, '\t\tstdout-path = &console_uart;') and has_line(board_b, '&console_uart {')
    and has_line(board_b, '\t\tconsole = &{/soc/serial@2000};')
    and not vim.tbl_contains(vim.tbl_flatten({ lines_of(board_a), lines_of(board_b), lines_of(soc) }), 'uart0'),
    'every reference renamed, the path reference kept')

  -- completion after '&', in the renamed (unsaved) buffers; Neovim sends
  -- the other buffers' changes after its debounce delay, as a user takes
  -- that long to move on
  vim.wait(500)
  vim.cmd('buffer ' .. buf)
  local speed = cursor_on('current-speed', 0)
  vim.api.nvim_buf_set_lines(buf, speed, speed, false, { '\tx = <&>;' })
  vim.api.nvim_win_set_cursor(0, { speed + 1, 7 })
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion',
    vim.lsp.util.make_position_params(), 5000) or {}
  local chosen, labels = nil, {}
  for _, r in pairs(res) do
    for _, it in ipairs((r.result or {}).items or {}) do
      table.insert(labels, it.label)
      if it.label == 'console_uart' then chosen = it end
    end
  end
  if say(chosen ~= nil, 'completion after & offers the renamed label (got ' .. table.concat(labels, ' ') .. ')') then
    vim.lsp.util.apply_text_edits({ chosen.textEdit }, buf, 'utf-16')
    local line = vim.api.nvim_buf_get_lines(buf, speed, speed + 1, false)[1]
    say(line == '\tx = <&console_uart>;', 'the completion is inserted (got ' .. line .. ')')
  end
end

lib.run(main)
