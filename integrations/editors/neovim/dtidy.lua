-- dtidy for Neovim (0.7 and later): diagnostics as you type, code actions,
-- formatting, outline, hover, go to definition / declaration, references,
-- rename and completion for devicetree sources (folding and semantic
-- highlighting too, with a Neovim that asks for them).
-- Put this file in ~/.config/nvim/lua/ and add `require('dtidy')` to
-- init.lua (or source it with :luafile). Neovim detects .dts/.dtsi/.dtso as
-- filetype "dts".
--
-- In a devicetree buffer: gd definition, gD declaration, gr references,
-- K hover, <leader>rn rename, <leader>ca code actions, <C-x><C-o>
-- completion (also after '&' and in #include <...>). Set
-- vim.g.dtidy_no_keymaps = 1 before loading it to keep your own.
local M = {}

-- Neovim 0.7 knows .dts and .dtsi; overlays are devicetree too.
vim.cmd('autocmd BufNewFile,BufRead *.dtso,*.overlay setfiletype dts')

local function root_of(path)
  -- the directory holding .dtidy.yaml or .git, else the file's directory
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local found = vim.fn.findfile('.dtidy.yaml', dir .. ';')
  if found == '' then
    found = vim.fn.finddir('.git', dir .. ';')
  end
  if found ~= '' then
    return vim.fn.fnamemodify(found, ':p:h:h')
  end
  return dir
end

local clients = {}

function M.attach(bufnr)
  local root = root_of(vim.api.nvim_buf_get_name(bufnr))
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'dtidy',
      cmd = { 'dtidy', 'lsp' },
      root_dir = root,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
    M.keymaps(bufnr)
  end
end

function M.keymaps(bufnr)
  vim.api.nvim_buf_set_option(bufnr, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
  if vim.g.dtidy_no_keymaps then return end
  local function map(lhs, fn)
    vim.keymap.set('n', lhs, fn, { buffer = bufnr, silent = true })
  end
  map('gd', vim.lsp.buf.definition)
  map('gD', vim.lsp.buf.declaration)
  map('gr', vim.lsp.buf.references)
  map('K', vim.lsp.buf.hover)
  map('<leader>rn', vim.lsp.buf.rename)
  map('<leader>ca', vim.lsp.buf.code_action)
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'dts',
  callback = function(args) M.attach(args.buf) end,
})

-- Format on save (Neovim 0.7: formatting_sync; 0.8 and later: format).
vim.api.nvim_create_autocmd('BufWritePre', {
  pattern = { '*.dts', '*.dtsi', '*.dtso' },
  callback = function()
    if vim.lsp.buf.format then
      vim.lsp.buf.format({ name = 'dtidy', timeout_ms = 2000 })
    else
      vim.lsp.buf.formatting_sync(nil, 2000)
    end
  end,
})

return M
