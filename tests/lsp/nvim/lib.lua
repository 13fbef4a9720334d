-- What the Neovim sessions share: a line per check, and the end of the
-- session (servers stopped, Neovim's exit status 1 when a check failed).
local M = { failed = false }

function M.say(ok, what)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. what .. '\n')
  if not ok then M.failed = true end
  return ok
end

function M.finish()
  io.stdout:flush()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  vim.cmd(M.failed and 'cquit 1' or 'qall!')
end

-- Waits until a dtidy client is attached to buf and initialized.
function M.attached(buf)
  return vim.wait(10000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
      if c.initialized then return true end
    end
    return false
  end, 20)
end

-- Runs main, reporting an error it raises as a failed check, then ends.
function M.run(main)
  local ok, err = pcall(main)
  if not ok then M.say(false, tostring(err)) end
  M.finish()
end

return M
